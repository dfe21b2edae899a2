-- Matchfunding: each match the tenant's pool granted to one contribution. The pool grain writes a
-- row before committing the match (one per contribution), rebuilds its pool from these rows on
-- activation, and marks a failed campaign's rows returned when their money goes back to the pool.

create table civic_matches (
    tenant          text        not null,
    campaign_id     text        not null,
    contribution_id text        not null,
    backer          text        not null,
    amount          bigint      not null check (amount > 0),
    created_at      timestamptz not null default now(),
    returned_at     timestamptz,
    primary key (tenant, contribution_id)
);

create unique index civic_matches_contribution_idx on civic_matches (contribution_id);

create index civic_matches_campaign_idx on civic_matches (tenant, campaign_id);
