-- Orleans ADO.NET clustering (Microsoft.Orleans.Clustering.AdoNet 10.x, invariant "Npgsql").
--
-- The providers read their SQL from the table orleansquery (they run
-- "SELECT QueryKey, QueryText FROM OrleansQuery", which PostgreSQL folds to lower case) and bind
-- parameters by name (@DeploymentId ...). Result columns are looked up by name, case-insensitively.
--
-- Membership protocol: one version row per cluster (deployment). Every membership change (insert or
-- update of a silo row) must be conditional on the version the caller read, and bumps it, atomically.
-- The IAmAlive heartbeat does not touch the version.

CREATE TABLE orleansquery
(
    querykey  varchar(64) PRIMARY KEY,
    querytext text        NOT NULL
);

CREATE TABLE orleans_membership_version
(
    deploymentid varchar(150) PRIMARY KEY,
    changed_at   timestamptz  NOT NULL DEFAULT now(),
    version      integer      NOT NULL DEFAULT 0
);

CREATE TABLE orleans_membership
(
    deploymentid varchar(150) NOT NULL REFERENCES orleans_membership_version (deploymentid) ON DELETE CASCADE,
    address      varchar(45)  NOT NULL,
    port         integer      NOT NULL,
    generation   integer      NOT NULL,
    siloname     varchar(150) NOT NULL,
    hostname     varchar(150) NOT NULL,
    status       integer      NOT NULL,
    proxyport    integer,
    suspecttimes text,
    starttime    timestamptz  NOT NULL,
    iamalivetime timestamptz  NOT NULL,
    PRIMARY KEY (deploymentid, address, port, generation)
);

-- Inserts a silo row if the cluster version still equals the expected one and the silo is new.
-- The version row is locked first, so concurrent membership writers of one cluster serialise on it.
CREATE FUNCTION orleans_membership_insert(
    p_deploymentid varchar, p_address varchar, p_port integer, p_generation integer,
    p_siloname varchar, p_hostname varchar, p_status integer, p_proxyport integer,
    p_starttime timestamptz, p_iamalivetime timestamptz, p_version integer)
    RETURNS boolean
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM 1 FROM orleans_membership_version
     WHERE deploymentid = p_deploymentid AND version = p_version
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    IF EXISTS (SELECT 1 FROM orleans_membership
                WHERE deploymentid = p_deploymentid AND address = p_address
                  AND port = p_port AND generation = p_generation) THEN
        RETURN false;
    END IF;

    INSERT INTO orleans_membership (deploymentid, address, port, generation, siloname, hostname,
                                    status, proxyport, starttime, iamalivetime)
    VALUES (p_deploymentid, p_address, p_port, p_generation, p_siloname, p_hostname,
            p_status, p_proxyport, p_starttime, p_iamalivetime);

    UPDATE orleans_membership_version
       SET version = version + 1, changed_at = now()
     WHERE deploymentid = p_deploymentid;
    RETURN true;
END
$$;

-- Updates a silo row (status, suspicions, heartbeat) under the same optimistic version rule.
CREATE FUNCTION orleans_membership_update(
    p_deploymentid varchar, p_address varchar, p_port integer, p_generation integer,
    p_status integer, p_suspecttimes text, p_iamalivetime timestamptz, p_version integer)
    RETURNS boolean
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM 1 FROM orleans_membership_version
     WHERE deploymentid = p_deploymentid AND version = p_version
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership
       SET status = p_status, suspecttimes = p_suspecttimes, iamalivetime = p_iamalivetime
     WHERE deploymentid = p_deploymentid AND address = p_address
       AND port = p_port AND generation = p_generation;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership_version
       SET version = version + 1, changed_at = now()
     WHERE deploymentid = p_deploymentid;
    RETURN true;
END
$$;

INSERT INTO orleansquery (querykey, querytext) VALUES
-- Returns one boolean: true when this call created the cluster's version row.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO orleans_membership_version (deploymentid) VALUES (@DeploymentId)
    ON CONFLICT (deploymentid) DO NOTHING
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM created)
$q$),

('InsertMembershipKey', $q$
SELECT orleans_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
                                 @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version)
$q$),

('UpdateMembershipKey', $q$
SELECT orleans_membership_update(@DeploymentId, @Address, @Port, @Generation,
                                 @Status, @SuspectTimes, @IAmAliveTime, @Version)
$q$),

('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership
   SET iamalivetime = @IAmAliveTime
 WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),

-- Always one row per existing cluster (the version), with the silo columns null when the silo is unknown:
-- the provider takes the table version from the first row.
('MembershipReadRowKey', $q$
SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
       m.suspecttimes, m.starttime, m.iamalivetime, v.version
  FROM orleans_membership_version v
  LEFT JOIN orleans_membership m
    ON m.deploymentid = v.deploymentid AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
 WHERE v.deploymentid = @DeploymentId
$q$),

('MembershipReadAllKey', $q$
SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
       m.suspecttimes, m.starttime, m.iamalivetime, v.version
  FROM orleans_membership_version v
  LEFT JOIN orleans_membership m ON m.deploymentid = v.deploymentid
 WHERE v.deploymentid = @DeploymentId
$q$),

('GatewaysQueryKey', $q$
SELECT address, proxyport, generation
  FROM orleans_membership
 WHERE deploymentid = @DeploymentId AND status = @Status AND proxyport > 0
$q$),

-- The silo rows go with the version row (ON DELETE CASCADE).
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership_version WHERE deploymentid = @DeploymentId
$q$),

-- Dead silos (status 6) whose last heartbeat and start are older than the cut-off.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
 WHERE deploymentid = @DeploymentId AND status = 6
   AND iamalivetime < @IAmAliveTime AND starttime < @IAmAliveTime
$q$);
