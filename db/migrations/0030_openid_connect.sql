-- Civic as the OpenID Connect provider of each tenant (issue 10, DESIGN "People and identity"): the tables of
-- OpenIddict's Entity Framework Core stores (api/Oidc/OidcDbContext.cs maps its entities to these names; the
-- test OidcSchemaAgreement runs the stores on this schema and compares it with the EF model), and the keys
-- that sign and encrypt tokens, shared by every API node.
--
-- Applications are the registered clients. They belong to one tenant: client_id is "<tenant>:<client id>" and
-- properties carries {"civic_tenant": "<tenant>"}; the server looks clients up with the tenant of the request's
-- host, so a client of another tenant is unknown there.
create table civic_oidc_applications (
    id                        text primary key,
    application_type          varchar(50),
    client_id                 varchar(100),
    client_secret             text,
    client_type               varchar(50),
    concurrency_token         varchar(50),
    consent_type              varchar(50),
    display_name              text,
    display_names             text,
    json_web_key_set          text,
    permissions               text,
    post_logout_redirect_uris text,
    properties                text,
    redirect_uris             text,
    requirements              text,
    settings                  text
);
create unique index civic_oidc_applications_client_id_idx on civic_oidc_applications (client_id);

create table civic_oidc_scopes (
    id                text primary key,
    concurrency_token varchar(50),
    description       text,
    descriptions      text,
    display_name      text,
    display_names     text,
    name              varchar(200),
    properties        text,
    resources         text
);
create unique index civic_oidc_scopes_name_idx on civic_oidc_scopes (name);

-- One row per sign-in of a person with a client (an "ad hoc" authorization): its tokens hang from it, so
-- revoking it (a replayed refresh token, a logout) revokes the whole chain.
create table civic_oidc_authorizations (
    id                text primary key,
    application_id    text references civic_oidc_applications (id),
    concurrency_token varchar(50),
    creation_date     timestamptz,
    properties        text,
    scopes            text,
    status            varchar(50),
    subject           varchar(400),
    type              varchar(50)
);
create index civic_oidc_authorizations_application_id_idx on civic_oidc_authorizations (application_id, status, subject, type);

-- Authorization codes and refresh tokens (their redemption date is what detects a replay). Access tokens are
-- self-contained JWTs and have rows too, so that revoking a chain is visible to token introspection.
create table civic_oidc_tokens (
    id                text primary key,
    application_id    text references civic_oidc_applications (id),
    authorization_id  text references civic_oidc_authorizations (id),
    concurrency_token varchar(50),
    creation_date     timestamptz,
    expiration_date   timestamptz,
    payload           text,
    properties        text,
    redemption_date   timestamptz,
    reference_id      varchar(100),
    status            varchar(50),
    subject           varchar(400),
    type              varchar(150)
);
create index civic_oidc_tokens_application_id_idx on civic_oidc_tokens (application_id, status, subject, type);
create index civic_oidc_tokens_authorization_id_idx on civic_oidc_tokens (authorization_id);
create unique index civic_oidc_tokens_reference_id_idx on civic_oidc_tokens (reference_id);
-- Pruning expired rows scans by expiry.
create index civic_oidc_tokens_expiration_date_idx on civic_oidc_tokens (expiration_date);

-- The RSA keys that sign tokens (published in the JWKS) and encrypt the server's own tokens (codes, refresh
-- tokens). Generated once by the first API node that needs them, the private key protected with Data Protection
-- (purpose "civic.oidc-key.v1", key ring civic_data_protection_keys), so every node and restart uses the same.
create table civic_oidc_keys (
    use           text        not null check (use in ('signing', 'encryption')),
    key_id        text        not null unique,
    protected_key bytea       not null,
    created_at    timestamptz not null default now(),
    primary key (use)
);
