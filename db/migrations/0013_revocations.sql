-- Equity investments revoked within the reflection period (ECSP art. 22). The row stays (its
-- idempotency key and sequence number remain taken); a revoked row no longer counts: the campaign
-- grain leaves it out of its totals and share book when it replays the ledger.

alter table civic_contributions
    add column revoked_at timestamptz;
