-- ASP.NET Core Data Protection's key ring (issue 10, DESIGN "People and identity"): one row per key XML
-- element, written by silo/Database/PostgresXmlRepository.cs, so every silo protects and unprotects with
-- the same keys. Rows are only ever added (a revocation is a new element); Data Protection rotates them.
create table civic_data_protection_keys (
    id            bigint generated always as identity primary key,
    friendly_name text        not null unique,
    xml           text        not null,
    created_at    timestamptz not null default now()
);

-- The census key is kept protected from now on (purpose "civic.census-key.v1" and the tenant): the plain
-- column goes. Plain keys existed only in test databases (0022 landed the same day); refuse loudly rather
-- than drop a tenant's key, whose entries would then match nothing.
do $$
begin
    if exists (select 1 from civic_census_keys) then
        raise exception 'civic_census_keys holds plain census keys; empty the census tables of this (development) database first';
    end if;
end
$$;

alter table civic_census_keys drop column secret;
alter table civic_census_keys add column protected_secret bytea not null;
