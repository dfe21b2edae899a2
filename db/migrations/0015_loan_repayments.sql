-- Repayments of a succeeded loan campaign, per lender. The repayment id is the admin's idempotency
-- key: recording the same repayment twice writes one row. The campaign grain loads these rows and
-- fills each lender's schedule in due order (LoanLedger).

create table civic_loan_repayments (
    tenant       text        not null,
    campaign_id  text        not null,
    lender_id    text        not null,
    repayment_id text        not null,
    amount       bigint      not null check (amount > 0),
    paid_on      date        not null,
    recorded_at  timestamptz not null default now(),
    primary key (tenant, campaign_id, lender_id, repayment_id)
);
