-- Idea boxes (issue 11), the rest of the server side.

-- Idea.supporters pages the live supports of one idea, newest first, by keyset on this index.
create index civic_idea_supports_by_idea on civic_idea_supports (tenant, idea_id, supported_at desc, member_id) where withdrawn_at is null;

-- The moderators' list of overdue ideas (under review past their box's answer deadline) reads these rows only.
create index civic_ideas_under_review on civic_ideas (tenant, under_review_since) where state = 'under_review';

-- An accepted idea turned into an option of a vote (TURNED_INTO_PROJECT): the link from the idea, and, by the
-- unique index, from the vote's option back to its idea (VoteOption.idea).
alter table civic_ideas
    add column vote_id        text,
    add column vote_option_id text,
    add column project_cost   bigint check (project_cost >= 0);

create unique index civic_ideas_by_vote_option on civic_ideas (tenant, vote_id, vote_option_id) where vote_id is not null;

-- What members were told, paged newest first for Query.myNotifications: kind 'content_hidden' (by its reports or by a
-- moderator) or 'content_restored'; the id orders notifications of one instant.
alter table civic_notifications add column id bigint generated always as identity;
