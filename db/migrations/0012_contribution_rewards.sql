-- The reward a contribution claimed (null: none). The campaign grain rebuilds its reward stock
-- from these rows on activation, so a reward never oversells across restarts.

alter table civic_contributions
    add column reward_id text;

-- Counting a reward's units in one campaign (tests, audits).
create index civic_contributions_reward_idx
    on civic_contributions (tenant, campaign_id, reward_id)
    where reward_id is not null;
