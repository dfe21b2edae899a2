-- A campaign owner's updates to its backers (issue 13: "the owner's updates"): news on the campaign page, newest first,
-- written by the campaign's CampaignUpdatesGrain one row at a time. The text is Markdown, rendered and sanitised once
-- when written (body_html). An edit keeps the text it replaces in civic_campaign_update_versions; a delete (by the author
-- or a moderator) keeps the row, out of the page.
create table civic_campaign_updates (
    tenant      text        not null,
    update_id   text        not null,
    campaign_id text        not null,
    author_id   text        not null,
    title       text        not null check (char_length(title) between 1 and 150),
    body        text        not null check (char_length(body) between 1 and 10000),
    body_html   text        not null,
    version     int         not null default 1,
    posted_at   timestamptz not null,
    edited_at   timestamptz,
    deleted_at  timestamptz,
    deleted_by  text,
    primary key (tenant, update_id)
);

-- Campaign.updates: a campaign's page, newest first, by keyset on (posted_at, update_id); deleted ones are no part of it.
create index civic_campaign_updates_page on civic_campaign_updates (tenant, campaign_id, posted_at desc, update_id desc)
    where deleted_at is null;

create table civic_campaign_update_versions (
    tenant      text        not null,
    update_id   text        not null,
    version     int         not null,
    title       text        not null,
    body        text        not null,
    replaced_at timestamptz not null,
    primary key (tenant, update_id, version),
    foreign key (tenant, update_id) references civic_campaign_updates (tenant, update_id)
);

-- Each backer is told of a new update in civic_notifications (kind 'campaign_update', item the campaign, text the
-- title), in the transaction that inserts it; source_id names the update, so deleting it (an abusive one, by a
-- moderator) takes its notifications away in the same transaction.
alter table civic_notifications add column source_id text;

create index civic_notifications_by_source on civic_notifications (tenant, source_id) where source_id is not null;
