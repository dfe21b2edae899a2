-- In-person participation (issue 10): a polling officer records the ballot of a person without an
-- account after checking their census entry. The entry's claim (civic_census_claims) holds a voter id
-- derived from the entry; this log says which officer recorded a ballot in which vote and when. It holds
-- no document number and no voter id, so it does not tell who voted.
create table civic_in_person_ballots (
    id          bigint generated always as identity primary key,
    tenant      text        not null,
    vote_id     text        not null,
    officer_id  text        not null,
    recorded_at timestamptz not null
);

create index civic_in_person_ballots_by_vote on civic_in_person_ballots (tenant, vote_id, recorded_at);
