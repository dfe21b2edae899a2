-- Mail to send (issue 10): a row per message, written by the grain that decided to send it, read by the
-- mail sender of the silo. The message is rendered at send time from its kind, locale and values, with the
-- tenant's template when it has one. A row is sent once (sent_at); failures are counted and retried later.
create table civic_mail_outbox (
    id          bigint      generated always as identity primary key,
    tenant      text        not null,
    recipient   text        not null,
    kind        text        not null,
    locale      text        not null,
    values      jsonb       not null,
    created_at  timestamptz not null,
    sent_at     timestamptz,
    attempts    int         not null default 0,
    last_error  text,
    next_try_at timestamptz not null
);

create index civic_mail_outbox_unsent on civic_mail_outbox (next_try_at) where sent_at is null;
