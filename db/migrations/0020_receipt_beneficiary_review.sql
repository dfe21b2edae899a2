-- Receipt beneficiaries are reviewed (issue 8, finding 9): the identity a member registers (a SIREN or
-- an RNA number, with a name, address and purpose) is printed on tax receipts only once an admin of the
-- tenant approved it. Every change of the identity is a new revision that waits for a new review.
-- Identities registered before this migration wait for a review too: nobody checked them.
alter table civic_receipt_beneficiaries
    add column status         text        not null default 'pending'
        constraint civic_receipt_beneficiaries_status_check check (status in ('pending', 'approved', 'rejected')),
    add column revision       integer     not null default 1 check (revision > 0),
    add column reviewed_by    text,
    add column reviewed_at    timestamptz,
    add column review_reason  text,
    add constraint civic_receipt_beneficiaries_reviewed_check
        check ((status = 'pending') = (reviewed_by is null and reviewed_at is null));

-- The admins' queue: pending identities, oldest first.
create index civic_receipt_beneficiaries_pending_idx on civic_receipt_beneficiaries (tenant, updated_at)
    where status = 'pending';
