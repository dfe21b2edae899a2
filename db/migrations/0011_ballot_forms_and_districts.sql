-- Ballots of every form (points for cumulative ballots, grades for majority judgment) and
-- votes with districts: a voter has one ballot per district (voter_key is keyed by district
-- then), and voter_ref (keyed without the district) lets the database hold the rule
-- "at most one district besides the voter's own".

alter table civic_ballots
    add column points    int[]   not null default '{}',
    add column district  text,
    add column voter_ref text,
    add column is_extra  boolean not null default false;

update civic_ballots set voter_ref = voter_key where voter_ref is null;

alter table civic_ballots alter column voter_ref set not null;

create unique index civic_ballots_one_extra_district
    on civic_ballots (tenant, vote_id, voter_ref)
    where is_extra;
