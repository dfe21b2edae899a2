-- Roles by invitation and the audit log (issue 10). An invitation is a mailed single-use link (kept as the
-- SHA-256 of its token) that gives a role to the account of an address, creating the account if needed.
create table civic_invitations (
    token_hash  bytea       primary key check (length(token_hash) = 32),
    tenant      text        not null,
    email       text        not null check (length(email) <= 254),
    role        text        not null check (role in ('moderator', 'admin', 'polling_officer')),
    invited_by  text        not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    accepted_at timestamptz,
    account_id  text,
    check ((accepted_at is null) = (account_id is null))
);

create index civic_invitations_by_tenant on civic_invitations (tenant, created_at);

-- Who did what to whom, when: every role change and invitation (and account deletion). Admins read it newest first.
create table civic_audit_log (
    id       bigint      generated always as identity primary key,
    tenant   text        not null,
    at       timestamptz not null,
    actor_id text        not null,
    action   text        not null,
    target   text        not null,
    details  jsonb       not null default '{}'
);

create index civic_audit_log_by_tenant on civic_audit_log (tenant, at desc, id desc);
