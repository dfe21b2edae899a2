-- Comments (issue 11), on ideas and, by their item key (kind + id), on campaigns and vote projects later. Each
-- commented item's comments are written by one grain (keyed by the item), which holds only the counts it needs;
-- pages are read from this table with keyset pagination on the two indexes below, 20 at a time.

create table civic_comments (
    tenant      text        not null,
    comment_id  text        not null,
    item_kind   text        not null check (item_kind in ('idea')),
    item_id     text        not null,
    parent_id   text        not null default '', -- '' for a comment on the item itself, so a thread's level is one equality
    depth       int         not null check (depth between 1 and 3),
    author_id   text        not null,
    stance      text        not null check (stance in ('for', 'neutral', 'against')),
    body        text        not null,
    body_html   text        not null,
    version     int         not null default 1,
    created_at  timestamptz not null,
    edited_at   timestamptz,
    deleted_at  timestamptz, -- soft delete: the row stays in place (shown as deleted), its replies stay
    deleted_by  text,
    ups         int         not null default 0, -- written with the votes, in the ledger's statement that inserts them
    downs       int         not null default 0,
    score       int         generated always as (ups - downs) stored,
    replies     int         not null default 0,
    primary key (tenant, comment_id)
);

-- NEWEST and BEST pages of one level of one thread: the keyset (created_at, comment_id) or (score, created_at,
-- comment_id), all descending, follows these indexes, so a page costs the same at any depth of the list.
create index civic_comments_newest on civic_comments (tenant, item_kind, item_id, parent_id, created_at desc, comment_id desc);
create index civic_comments_best on civic_comments (tenant, item_kind, item_id, parent_id, score desc, created_at desc, comment_id desc);
-- A member's comments of the day on an item (the quota the item's grain loads on activation).
create index civic_comments_by_author on civic_comments (tenant, item_kind, item_id, author_id, created_at);

-- Every earlier text of an edited comment.
create table civic_comment_versions (
    tenant      text        not null,
    comment_id  text        not null,
    version     int         not null,
    body        text        not null,
    replaced_at timestamptz not null,
    primary key (tenant, comment_id, version)
);

-- Up and down votes, written through the group-commit ledger: one per member and comment (the key).
create table civic_comment_votes (
    tenant     text        not null,
    comment_id text        not null,
    member_id  text        not null,
    value      smallint    not null check (value in (-1, 1)),
    voted_at   timestamptz not null,
    primary key (tenant, comment_id, member_id),
    foreign key (tenant, comment_id) references civic_comments (tenant, comment_id)
);

-- The count ideas lists sort by (MOST_COMMENTED): comments not deleted, kept by the item's grain with each write.
alter table civic_ideas add column comments int not null default 0;
