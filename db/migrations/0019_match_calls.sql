-- Matchfunding calls: a tenant opens calls ("Culture 2027"), each with its own pool and rules. The
-- call's pool grain writes its row when it opens (the list of a tenant's calls is read from here);
-- its budget, rules and keyed top-ups live in its grain state. Matches say which pool granted them:
-- '' is the tenant's default pool (every match recorded before calls existed).

create table civic_match_calls (
    tenant                   text        not null,
    call_id                  text        not null,
    name                     text        not null,
    currency                 char(3)     not null,
    ratio_numerator          bigint      not null,
    ratio_denominator        bigint      not null,
    cap_per_contribution     bigint      not null,
    cap_per_project          bigint,
    cap_per_project_goal_bp  integer,
    matches_per_backer       integer     not null,
    opened_at                timestamptz not null,
    primary key (tenant, call_id)
);

alter table civic_matches add column call_id text not null default '';

create index civic_matches_call_idx on civic_matches (tenant, call_id);
