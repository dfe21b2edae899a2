-- Comments (issue 11) on published campaigns and on the options (projects) of votes, beside ideas: the same thread
-- model and tables; a vote's option is the item "voteId:optionId" (option ids are the vote's own).
alter table civic_comments drop constraint civic_comments_item_kind_check;
alter table civic_comments add constraint civic_comments_item_kind_check check (item_kind in ('idea', 'campaign', 'vote-option'));
