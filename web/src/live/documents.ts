import { graphql } from "../gql";

// The subscriptions the site's pages follow (graphql-transport-ws); their first value is the current one.

export const CampaignLiveSubscription = graphql(`
  subscription CampaignLive($id: ID!) {
    campaignUpdated(id: $id) { id status backers contributions raised { amount currency } goal { amount currency } matched { amount currency } }
  }
`);

export const VoteLiveSubscription = graphql(`
  subscription VoteLive($id: ID!) {
    voteUpdated(id: $id) { id status ballots districts { name budget ballots } results { allocated leftOver computedAt selected { id } } }
  }
`);

export const IdeaLiveSubscription = graphql(`
  subscription IdeaLive($id: ID!) {
    ideaUpdated(id: $id) { id supportCount state commentCount }
  }
`);

export const TenantFeedSubscription = graphql(`
  subscription TenantFeed {
    tenantFeed { items { kind id title at } }
  }
`);
