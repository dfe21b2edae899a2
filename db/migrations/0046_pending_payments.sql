-- The payment sweeper (grains/Payments/PaymentSweeper.cs) looks for contributions whose payment a fault left
-- PENDING (the provider's answer lost, or the write that recorded it failed) and asks the provider again. This
-- index holds only the pending rows, oldest first, so the sweep reads a handful of rows however large the ledger.
create index civic_contributions_pending_idx
    on civic_contributions (created_at)
    where payment_status = 'pending';
