-- Residency vouched for by a tenant's external sign-in provider (a city's identity provider that says who lives
-- where), as an alternative to claiming a census entry. One per account; one upstream identity vouches for one
-- account only, and the row stays when the account is deleted, so deleting and signing in again through the same
-- identity does not verify a second account (as census claims stay).
create table civic_census_attestations (
    tenant      text        not null,
    member_id   text        not null,
    provider    text        not null,
    subject     text        not null,
    birth_date  date,
    district    text,
    attested_at timestamptz not null,
    primary key (tenant, member_id)
);

create unique index civic_census_attestations_one_per_identity on civic_census_attestations (tenant, provider, subject);
