-- Accounts per tenant (issue 10). A person registers on each tenant separately; one row per account,
-- written only by that account's grain. A deleted account keeps its row (deleted_at) so ids stay unique
-- and its address becomes free for a new account.
create table civic_accounts (
    tenant             text        not null,
    id                 text        not null,
    -- As typed (trimmed), for the mails; email_normalized is what uniqueness and look-ups use.
    email              text        not null check (length(email) <= 254),
    email_normalized   text        not null check (length(email_normalized) <= 254),
    display_name       text        not null check (length(display_name) <= 200),
    locale             text        not null check (locale in ('fr', 'en')),
    -- ASP.NET Core Identity's PasswordHasher format (PBKDF2, versioned); null: no password (external sign-in).
    password_hash      text,
    role               text        not null default 'member'
                                   check (role in ('member', 'moderator', 'admin', 'polling_officer')),
    email_confirmed_at timestamptz,
    failed_sign_ins    int         not null default 0 check (failed_sign_ins >= 0),
    locked_until       timestamptz,
    created_at         timestamptz not null,
    deleted_at         timestamptz,
    primary key (tenant, id)
);

-- One live account per address and tenant.
create unique index civic_accounts_live_email on civic_accounts (tenant, email_normalized) where deleted_at is null;

-- Role holders of a tenant (everything but members), for roleHolders and the last-admin guard.
create index civic_accounts_role_holders on civic_accounts (tenant, role) where deleted_at is null and role <> 'member';

-- One-time tokens of mailed links, stored only as SHA-256 hashes of the 32 random bytes mailed.
create table civic_account_tokens (
    token_hash bytea       primary key check (length(token_hash) = 32),
    tenant     text        not null,
    account_id text        not null,
    purpose    text        not null check (purpose in ('confirm-email', 'reset-password', 'unlock', 'change-email')),
    -- change-email: the address the account moves to once the link is used.
    new_email  text        check (length(new_email) <= 254),
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz,
    foreign key (tenant, account_id) references civic_accounts (tenant, id),
    check ((purpose = 'change-email') = (new_email is not null))
);

create index civic_account_tokens_outstanding on civic_account_tokens (tenant, account_id, purpose) where used_at is null;

-- The mail quota counts an address's recent mails of one kind.
create index civic_mail_outbox_recent on civic_mail_outbox (tenant, recipient, kind, created_at);
