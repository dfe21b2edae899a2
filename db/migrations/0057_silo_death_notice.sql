-- A notice on the channel civic_silo_death the moment a silo is declared dead (issue 15).
--
-- An API node sends a hot write (a pledge, an investment, a ballot) through a gateway silo, which forwards
-- it to the silo of its grain. When that silo is killed, Orleans fails the call only at its response
-- timeout (5 s for the hot writes): the gateway does not tie a forwarded call to the silo it went to. The
-- cluster knows sooner: the survivors declare the dead silo in this table within about two seconds. So the
-- declaration itself tells every API node (Civic.Api.Hosting.SiloDeathWatch, which LISTENs), and they
-- answer the writes they are still waiting on with OUTCOME_UNKNOWN at once; the client retries with the
-- same idempotency key and the retry finds the grain on a survivor. The notice is sent when the
-- declaring transaction commits. Its payload: '<cluster id> <address>:<port>:<generation>'.

CREATE FUNCTION civic_notify_silo_death() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('civic_silo_death', NEW.deploymentid || ' ' || NEW.address || ':' || NEW.port || ':' || NEW.generation);
    RETURN NEW;
END
$$;

-- Status 6 is Orleans' Dead.
CREATE TRIGGER civic_silo_death
    AFTER UPDATE OF status ON orleans_membership
    FOR EACH ROW
    WHEN (NEW.status = 6 AND OLD.status IS DISTINCT FROM 6)
    EXECUTE FUNCTION civic_notify_silo_death();
