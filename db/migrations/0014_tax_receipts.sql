-- Tax receipts (Cerfa 11580 / 16216) for donations to campaigns that succeeded.
-- The receipt grain (one per tenant, beneficiary and year) numbers them without gaps and writes
-- the row before acknowledging; the unique constraints are the backstop: at most one receipt per
-- donation, and one receipt per number of a beneficiary's year, even if the grain were briefly
-- activated twice.

-- The beneficiary's legal identity as printed on its receipts. The beneficiary is, for now, the
-- campaign's owner (a member id, or the admin who owns the tenant's own campaigns).
create table civic_receipt_beneficiaries (
    tenant          text        not null,
    beneficiary_id  text        not null,
    name            text        not null,
    address         text        not null,
    siren           text,
    rna             text,
    purpose         text        not null,
    updated_at      timestamptz not null,
    primary key (tenant, beneficiary_id)
);

create table civic_tax_receipts (
    id               bigint generated always as identity primary key,
    tenant           text        not null,
    beneficiary_id   text        not null,
    year             int         not null,
    seq              bigint      not null check (seq > 0),
    number           text        not null,
    contribution_id  text        not null,
    campaign_id      text        not null,
    member_id        text        not null,
    receipt          jsonb       not null,
    issued_at        timestamptz not null,
    constraint civic_tax_receipts_one_per_donation unique (tenant, contribution_id),
    constraint civic_tax_receipts_number_key unique (tenant, beneficiary_id, year, seq)
);

-- A donor's receipts and a campaign's receipts.
create index civic_tax_receipts_member_idx on civic_tax_receipts (tenant, member_id);
create index civic_tax_receipts_campaign_idx on civic_tax_receipts (tenant, campaign_id);
