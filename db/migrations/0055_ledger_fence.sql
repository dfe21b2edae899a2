-- The ledger's fence against a silo the cluster declared dead (issue 15).
--
-- A silo stopped for longer than the membership timeout (SIGSTOP, a long GC pause, a frozen VM) is
-- declared dead by the others and its grains activate again on the survivors, which load their totals
-- from the ledger. When the stopped silo wakes, it may still hold ledger batches it was about to
-- send, before it reads the membership table and ends itself. Written then, those rows would land
-- after the new activation read the ledger and would never be counted by it.
--
-- So each ledger batch ends with civic_ledger_fence: the writing silo's membership row must still say
-- it is not dead, and it is locked FOR SHARE until the batch commits. The statement that declares a
-- silo dead updates that row, so it waits for a batch in flight to commit (whose rows the new
-- activation, activated only after the declaration, then reads), and every batch after it finds the
-- silo dead and raises: the whole batch rolls back and its callers are told nothing was written.
-- Orleans' status 6 is Dead; a row that is gone (defunct entries cleaned up) counts as dead.

create function civic_ledger_fence(p_cluster text, p_address text, p_port integer, p_generation integer)
    returns setof text
    language plpgsql as
$$
begin
    perform 1
    from orleans_membership
    where deploymentid = p_cluster and address = p_address and port = p_port and generation = p_generation
      and status <> 6
    for share;
    if not found then
        raise exception 'silo %:% (generation %) is not a live member of cluster %: its ledger batch is refused',
            p_address, p_port, p_generation, p_cluster
            using errcode = 'CV001';
    end if;
    return;
end
$$;
