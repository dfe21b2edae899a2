import { graphql } from "./gql";

// Every operation of the site, checked against api/schema.graphql by `npm run codegen`.

export const TenantQuery = graphql(`
  query Tenant {
    tenant { slug name locale branding { primaryColor secondaryColor logoUrl } modules }
  }
`);

export const HomeQuery = graphql(`
  query Home {
    campaigns(first: 20) { items { ...CampaignCard } }
    votes(first: 20) { items { id title status ballotType closesAt ballots } }
    ideaBoxes(first: 20) { items { id title closesAt isOpen } }
  }
`);

export const CampaignCardFragment = graphql(`
  fragment CampaignCard on Campaign {
    id title description status mode endsAt backers
    goal { amount currency }
    raised { amount currency }
  }
`);

export const CampaignsQuery = graphql(`
  query Campaigns($first: Int!, $after: String, $status: CampaignStatus, $mode: FinancingMode, $category: CampaignCategory, $customCategory: String) {
    campaigns(first: $first, after: $after, status: $status, mode: $mode, category: $category, customCategory: $customCategory) {
      totalCount
      items { ...CampaignCard }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const CampaignQuery = graphql(`
  query Campaign($id: ID!) {
    campaign(id: $id) {
      ...CampaignCard
      rule startsAt minContribution maxContribution contributions
      matched { amount currency }
      rewards { id title minAmount { amount currency } stock remaining }
      category customCategory
      loanTerms { annualRateBasisPoints termMonths firstRepaymentOn }
      equityOffer { sharePrice { amount currency } sharesOffered sharesRemaining minRaise { amount currency } maxRaise { amount currency } kiis }
      matchCall { id name }
      viewerIsOwner
    }
  }
`);

export const PledgeMutation = graphql(`
  mutation Pledge($input: PledgeInput!) {
    pledge(input: $input) {
      status
      raised { amount currency }
      contribution { id }
    }
  }
`);

export const VotesQuery = graphql(`
  query Votes($first: Int!, $after: String) {
    votes(first: $first, after: $after) {
      items { id title status ballotType opensAt closesAt ballots }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const VoteOptionQuery = graphql(`
  query VoteOption($voteId: ID!, $optionId: ID!) {
    vote(id: $voteId) { id title status budget { currency } }
    voteOption(voteId: $voteId, optionId: $optionId) { id title cost }
  }
`);

export const VoteQuery = graphql(`
  query Vote($id: ID!) {
    vote(id: $id) {
      id title status ballotType minChoices maxChoices ballots opensAt closesAt hasVoted
      maxPointsPerProject maxTotalPoints gradeScale minimumSpendPercent exactRanks allowSecondDistrict
      districts { name budget ballots }
      budget { amount currency }
      options { id title cost votes score district }
      results {
        allocated leftOver computedAt
        selected { id }
      }
    }
  }
`);

export const CastBallotMutation = graphql(`
  mutation CastBallot($input: CastBallotInput!) {
    castBallot(input: $input) { voteId ballots castAt }
  }
`);
