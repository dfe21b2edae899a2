-- Personal data exports (issue 10, GDPR right of access): one row per request of a member. The file is the JSON
-- document of grains/Privacy/PersonalDataExport.cs (schema version 1), written when ready. The mailed link carries
-- a random token of which only a SHA-256 hash is kept; it opens the file for that member only, until expires_at.
create table civic_data_exports (
    id           text        primary key,
    tenant       text        not null,
    member_id    text        not null,
    token_hash   bytea       not null,
    requested_at timestamptz not null,
    ready_at     timestamptz,
    expires_at   timestamptz,
    document     bytea
);

create index civic_data_exports_by_member on civic_data_exports (tenant, member_id, requested_at desc);
