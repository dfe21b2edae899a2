-- Orleans ADO.NET reminders (Microsoft.Orleans.Reminders.AdoNet 10.x, invariant "Npgsql").
--
-- grainhash is the grain's uniform hash passed as a signed 32-bit integer; each silo reads the reminders
-- of its ring range (begin, end]. version is the ETag returned by an upsert and required by a delete.

CREATE TABLE orleans_reminders
(
    serviceid    varchar(150) NOT NULL,
    grainid      varchar(768) NOT NULL,
    remindername varchar(150) NOT NULL,
    starttime    timestamptz  NOT NULL,
    period       bigint       NOT NULL,
    grainhash    integer      NOT NULL,
    version      integer      NOT NULL,
    PRIMARY KEY (serviceid, grainid, remindername)
);

CREATE INDEX orleans_reminders_ring ON orleans_reminders (serviceid, grainhash);

INSERT INTO orleansquery (querykey, querytext) VALUES
('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminders AS r (serviceid, grainid, remindername, starttime, period, grainhash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
   SET starttime = excluded.starttime, period = excluded.period, grainhash = excluded.grainhash,
       version = r.version + 1
RETURNING r.version
$q$),

('ReadReminderRowsKey', $q$
SELECT grainid, remindername, starttime, period, version
  FROM orleans_reminders
 WHERE serviceid = @ServiceId AND grainid = @GrainId
$q$),

('ReadReminderRowKey', $q$
SELECT grainid, remindername, starttime, period, version
  FROM orleans_reminders
 WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName
$q$),

-- Range that does not wrap around the ring: (begin, end].
('ReadRangeRows1Key', $q$
SELECT grainid, remindername, starttime, period, version
  FROM orleans_reminders
 WHERE serviceid = @ServiceId AND grainhash > @BeginHash AND grainhash <= @EndHash
$q$),

-- Range that wraps around the ring: (begin, max] and [min, end].
('ReadRangeRows2Key', $q$
SELECT grainid, remindername, starttime, period, version
  FROM orleans_reminders
 WHERE serviceid = @ServiceId AND (grainhash > @BeginHash OR grainhash <= @EndHash)
$q$),

('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM orleans_reminders
     WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName
       AND version = @Version
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM deleted)
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminders WHERE serviceid = @ServiceId
$q$);
