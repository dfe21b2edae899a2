-- Reports and moderation (issue 11). A member reports an idea or a comment once (the key); the reported item's
-- moderation grain counts the live reports and hides the item by itself once, at the box's ReportsToHide.

create table civic_reports (
    tenant       text        not null,
    item_kind    text        not null check (item_kind in ('idea', 'comment')),
    item_id      text        not null,
    reporter_id  text        not null,
    reason       text        not null check (reason in ('spam', 'offensive', 'off_topic', 'other')),
    text         text        not null default '',
    reported_at  timestamptz not null,
    dismissed_at timestamptz, -- a moderator dismissed it: it no longer counts
    primary key (tenant, item_kind, item_id, reporter_id)
);

-- One row per reported item: the moderators' queue, and whether the item is hidden (and why).
create table civic_moderation (
    tenant        text        not null,
    item_kind     text        not null,
    item_id       text        not null,
    author_id     text        not null,
    reports       int         not null default 0, -- live reports (not dismissed)
    hidden_reason text,                           -- null: visible
    auto_hidden_at timestamptz,                   -- set once: an item hides itself at most once
    last_reported_at timestamptz not null,
    primary key (tenant, item_kind, item_id)
);

create index civic_moderation_queue on civic_moderation (tenant, last_reported_at desc, item_kind, item_id) where reports > 0;

-- Every moderation act, by a moderator or by the reports themselves ('system').
create table civic_moderation_acts (
    tenant    text        not null,
    item_kind text        not null,
    item_id   text        not null,
    act       text        not null check (act in ('auto_hide', 'hide', 'restore', 'dismiss')),
    by_id     text        not null,
    reason    text        not null,
    at        timestamptz not null
);

create index civic_moderation_acts_by_item on civic_moderation_acts (tenant, item_kind, item_id, at);

-- What members are told (an author whose content was hidden), for the app to show.
create table civic_notifications (
    tenant     text        not null,
    member_id  text        not null,
    kind       text        not null,
    item_kind  text        not null,
    item_id    text        not null,
    text       text        not null,
    created_at timestamptz not null
);

create index civic_notifications_by_member on civic_notifications (tenant, member_id, created_at desc);

-- The hidden state where content is read (written with civic_moderation, in its transaction).
alter table civic_comments add column hidden_reason text;
alter table civic_ideas add column hidden_reason text;
