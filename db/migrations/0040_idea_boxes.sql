-- Idea boxes (issue 11). A box and its ideas are each written by their own grain; these tables are what the
-- grains load on activation and what lists and search read, so no list activates a grain per idea.

create table civic_idea_boxes (
    tenant     text        not null,
    box_id     text        not null,
    settings   jsonb       not null, -- the CreateIdeaBox command as accepted
    brief_html text        not null,
    language   regconfig   not null, -- the tenant's text search configuration (french, english) when the box opened
    opens_at   timestamptz not null,
    closes_at  timestamptz not null,
    created_by text        not null,
    created_at timestamptz not null,
    primary key (tenant, box_id)
);

create table civic_ideas (
    tenant             text        not null,
    idea_id            text        not null,
    box_id             text        not null,
    author_id          text        not null,
    title              text        not null,
    body               text        not null,
    body_html          text        not null,
    category           text,
    district           text,
    latitude           double precision,
    longitude          double precision,
    state              text        not null check (state in ('submitted', 'under_review', 'accepted', 'rejected', 'turned_into_project', 'withdrawn')),
    version            int         not null default 1,
    supports           int         not null default 0, -- refreshed by the idea's grain; the supports table is the truth
    submitted_at       timestamptz not null,
    under_review_since timestamptz,
    answered_at        timestamptz,
    language           regconfig   not null, -- the box's
    search             tsvector    generated always as
        (setweight(to_tsvector(language, title), 'A') || setweight(to_tsvector(language, body), 'B')) stored,
    primary key (tenant, idea_id)
);

create index civic_ideas_search on civic_ideas using gin (search);

create index civic_ideas_by_box on civic_ideas (tenant, box_id, submitted_at desc);
create index civic_ideas_by_supports on civic_ideas (tenant, box_id, supports desc, idea_id);
create index civic_ideas_by_author on civic_ideas (tenant, box_id, author_id);

-- Every earlier version of an edited idea, kept when the author edits.
create table civic_idea_versions (
    tenant    text        not null,
    idea_id   text        not null,
    version   int         not null,
    title     text        not null,
    body      text        not null,
    category  text,
    district  text,
    latitude  double precision,
    longitude double precision,
    replaced_at timestamptz not null,
    primary key (tenant, idea_id, version)
);

-- Public answers of moderators and admins: the text and the state it set.
create table civic_idea_answers (
    tenant      text        not null,
    idea_id     text        not null,
    answered_at timestamptz not null,
    answered_by text        not null,
    state       text        not null,
    text        text        not null
);

create index civic_idea_answers_by_idea on civic_idea_answers (tenant, idea_id, answered_at);

-- Supports, written through the group-commit ledger: one row per member and idea (the key), withdrawn_at set
-- when withdrawn and cleared when supported again, so the live count is the rows without withdrawn_at.
create table civic_idea_supports (
    tenant       text        not null,
    idea_id      text        not null,
    member_id    text        not null,
    box_id       text        not null,
    supported_at timestamptz not null,
    withdrawn_at timestamptz,
    primary key (tenant, idea_id, member_id)
);

create index civic_idea_supports_by_member on civic_idea_supports (tenant, box_id, member_id) where withdrawn_at is null;
