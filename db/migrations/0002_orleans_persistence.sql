-- Orleans ADO.NET grain storage (Microsoft.Orleans.Persistence.AdoNet 10.x, invariant "Npgsql").
--
-- A grain's state row is identified by service, grain type and grain id (two 64-bit parts plus an
-- optional string); the two hashes only narrow the index scan. version is the ETag: a write with a null
-- version inserts, a write with version n succeeds only if the row still has version n and then holds
-- n + 1. A lost race returns NULL, which the provider reports as InconsistentStateException.

CREATE TABLE orleans_storage
(
    serviceid              varchar(150) NOT NULL,
    graintypehash          integer      NOT NULL,
    graintypestring        text         NOT NULL,
    grainidhash            integer      NOT NULL,
    grainidn0              bigint       NOT NULL,
    grainidn1              bigint       NOT NULL,
    grainidextensionstring text,
    payloadbinary          bytea,
    version                integer      NOT NULL,
    modified_at            timestamptz  NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX orleans_storage_key
    ON orleans_storage (grainidhash, graintypehash, serviceid, grainidn0, grainidn1, graintypestring, grainidextensionstring)
    NULLS NOT DISTINCT;

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', $q$
SELECT payloadbinary, version
  FROM orleans_storage
 WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash AND serviceid = @ServiceId
   AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
   AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
$q$),

('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans_storage
       SET payloadbinary = @PayloadBinary, version = version + 1, modified_at = now()
     WHERE @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
       AND grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash AND serviceid = @ServiceId
       AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
       AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
    RETURNING version),
inserted AS (
    INSERT INTO orleans_storage (serviceid, graintypehash, graintypestring, grainidhash, grainidn0, grainidn1,
                                 grainidextensionstring, payloadbinary, version)
    SELECT @ServiceId, @GrainTypeHash, @GrainTypeString, @GrainIdHash, @GrainIdN0, @GrainIdN1,
           @GrainIdExtensionString, @PayloadBinary, 1
     WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version)
SELECT (SELECT version FROM updated UNION ALL SELECT version FROM inserted) AS newgrainstateversion
$q$),

-- Keeps the row (and its version) with no payload, so a later write continues the version sequence.
('ClearStorageKey', $q$
WITH cleared AS (
    UPDATE orleans_storage
       SET payloadbinary = NULL, version = version + 1, modified_at = now()
     WHERE version = @GrainStateVersion
       AND grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash AND serviceid = @ServiceId
       AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
       AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
    RETURNING version)
SELECT (SELECT version FROM cleared) AS newgrainstateversion
$q$),

-- Used when AdoNetGrainStorageOptions.DeleteStateOnClear is true: removes the row.
('DeleteStorageKey', $q$
WITH deleted AS (
    DELETE FROM orleans_storage
     WHERE version = @GrainStateVersion
       AND grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash AND serviceid = @ServiceId
       AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
       AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
    RETURNING version)
SELECT (SELECT version + 1 FROM deleted) AS newgrainstateversion
$q$);
