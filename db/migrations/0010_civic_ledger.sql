-- Civic's own ledger: every acknowledged contribution and ballot is a row here.
-- Grain totals are always equal to what these tables hold; the unique constraints
-- are the last line of defence for idempotency and one ballot per voter, even if a
-- grain were briefly activated twice during a membership change.

create table civic_settings (
    key   text primary key,
    value text not null
);

-- The key that pseudonymises voters in civic_ballots (HMAC of tenant, vote and user).
-- Generated once per database; never exposed through any API.
insert into civic_settings (key, value)
values ('ballot_key', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));

create table civic_contributions (
    id               bigint generated always as identity primary key,
    tenant           text        not null,
    campaign_id      text        not null,
    seq              bigint      not null,
    contribution_id  text        not null unique,
    member_id        text        not null,
    amount           bigint      not null check (amount > 0),
    currency         char(3)     not null,
    idempotency_key  text        not null,
    created_at       timestamptz not null,
    constraint civic_contributions_seq_key unique (tenant, campaign_id, seq),
    constraint civic_contributions_idempotency_key unique (tenant, member_id, idempotency_key)
);

-- "My contributions", newest first, keyset-paginated.
create index civic_contributions_member_idx
    on civic_contributions (tenant, member_id, created_at desc, id desc);

create table civic_ballots (
    id         bigint generated always as identity primary key,
    tenant     text        not null,
    vote_id    text        not null,
    seq        bigint      not null,
    ballot_id  text        not null unique,
    voter_key  text        not null,
    choices    text[]      not null,
    cast_at    timestamptz not null,
    constraint civic_ballots_one_per_voter unique (tenant, vote_id, voter_key),
    constraint civic_ballots_seq_key unique (tenant, vote_id, seq)
);
