-- External sign-in per tenant as data (issue 10): the upstream OpenID Connect providers a tenant admin
-- configures, and which upstream identity (provider key + subject) is which tenant account.
create table civic_sign_in_providers (
    tenant           text        not null,
    key              text        not null check (key ~ '^[a-z][a-z0-9-]{1,39}$'),
    display_name     text        not null check (length(display_name) <= 100),
    authority        text        not null check (length(authority) <= 500),
    client_id        text        not null check (length(client_id) <= 200),
    -- The client secret as ASP.NET Core Data Protection protected it (purpose names the tenant and key):
    -- never stored, logged or answered in clear.
    protected_secret bytea       not null check (length(protected_secret) <= 4096),
    scopes           text[]      not null check (cardinality(scopes) between 1 and 10),
    -- The upstream claims that carry the person's name, birth date and residency (null: not mapped).
    claim_name       text        check (length(claim_name) <= 100),
    claim_birth_date text        check (length(claim_birth_date) <= 100),
    claim_residency  text        check (length(claim_residency) <= 100),
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    primary key (tenant, key)
);

-- One upstream identity maps to one account of the tenant; an account may hold several (one per provider).
create table civic_external_logins (
    tenant     text        not null,
    provider   text        not null,
    subject    text        not null check (length(subject) between 1 and 255),
    account_id text        not null,
    created_at timestamptz not null,
    primary key (tenant, provider, subject),
    foreign key (tenant, account_id) references civic_accounts (tenant, id)
);

create index civic_external_logins_account on civic_external_logins (tenant, account_id);
