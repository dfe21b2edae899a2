-- Payments in front of the ledger. A contribution row is written PENDING before the payment
-- provider is asked (so a charge can never exist without its row), then moves to CONFIRMED (it
-- counts) or FAILED (it never counts); a confirmed one may later be REFUNDED. Rows written before
-- this script were counted when recorded: they are confirmed.

alter table civic_contributions
    add column payment_status text not null default 'confirmed'
        constraint civic_contributions_payment_status_check
        check (payment_status in ('pending', 'confirmed', 'failed', 'refunded')),
    add column payment_provider  text,
    add column payment_reference text,
    add column payment_method    text,
    add column payment_failure   text,
    add column settled_at        timestamptz,
    add column refund_reference  text;

alter table civic_contributions alter column payment_status set default 'pending';

-- A provider's webhook names its own reference: find the row from it.
create unique index civic_contributions_payment_reference_idx
    on civic_contributions (payment_provider, payment_reference)
    where payment_reference is not null;

-- Webhook events already applied, per provider: a repeated event id is acknowledged and ignored.
create table civic_payment_events (
    provider        text        not null,
    event_id        text        not null,
    contribution_id text        not null,
    status          text        not null,
    received_at     timestamptz not null,
    primary key (provider, event_id)
);

-- Money sent to a campaign's owner once it succeeded: one payout per campaign.
create table civic_payouts (
    tenant      text        not null,
    campaign_id text        not null,
    amount      bigint      not null check (amount >= 0),
    currency    char(3)     not null,
    beneficiary text        not null,
    provider    text        not null,
    reference   text,
    paid_at     timestamptz not null,
    primary key (tenant, campaign_id)
);
