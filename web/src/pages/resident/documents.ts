import { graphql } from "../../gql";

// The residents' pages' operations (filters, loans and equity, charts, my space), checked against api/schema.graphql.

export const CampaignCategoriesQuery = graphql(`
  query CampaignCategories { campaignCategories { category customCategory label } }
`);

export const InvestMutation = graphql(`
  mutation Invest($input: InvestInput!) {
    invest(input: $input) { status raised { amount currency } contribution { id createdAt } }
  }
`);

export const RevokeInvestmentMutation = graphql(`
  mutation RevokeInvestment($campaignId: ID!, $contributionId: ID!) {
    revokeInvestment(campaignId: $campaignId, contributionId: $contributionId) { id raised { amount currency } }
  }
`);

export const TransparencyQuery = graphql(`
  query TransparencyFigures {
    transparency {
      backers contributions
      raisedByMode { mode amount { amount currency } }
      raisedByCategory { category custom amount { amount currency } }
      matchfundingSpent { amount currency }
    }
    votes(first: 10) { items { id title ballots status } }
  }
`);

export const ResultsQuery = graphql(`
  query VoteResults($id: ID!) {
    vote(id: $id) {
      id title status ballotType ballots
      budget { amount currency }
      districts { name budget ballots }
      options { id title cost district }
      results {
        rule allocated leftOver computedAt
        selected { id }
        projects { id score ballots selected }
        equalShares { shareEach minPaidByVoter maxPaidByVoter votersWhoPaid payments { id payers maxPayment } }
        districts { district budget selected allocated leftOver ballots equalShares { payments { id payers maxPayment } } }
      }
    }
  }
`);

export const MyContributionsQuery = graphql(`
  query MyContributions($first: Int!, $after: String) {
    myContributions(first: $first, after: $after) {
      items { id campaignId amount { amount currency } createdAt status failureReason receiptNumber }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const ContributionCampaignQuery = graphql(`
  query ContributionCampaign($id: ID!) {
    campaign(id: $id) { id title mode status }
  }
`);

export const RequestReceiptMutation = graphql(`
  mutation RequestReceipt($contributionId: ID!, $donor: DonorInput!) {
    requestTaxReceipt(contributionId: $contributionId, donor: $donor) { number contributionId }
  }
`);

export const MyLoanQuery = graphql(`
  query MyLoan($campaignId: ID!) {
    myLoanPosition(campaignId: $campaignId) {
      totalOwed paid dueNow outstanding nextDueOn
      instalments { paid status instalment { number dueOn principal interest total } }
    }
  }
`);

export const MyBallotsQuery = graphql(`
  query MyBallots { votes(first: 50) { items { id title status } } }
`);

export const HasVotedQuery = graphql(`
  query HasVoted($id: ID!) { vote(id: $id) { id hasVoted } }
`);

export const MyDataQuery = graphql(`
  query MyData {
    myAccount { id email displayName }
    myDataExports { id state requestedAt readyAt expiresAt }
  }
`);

export const RequestExportMutation = graphql(`
  mutation RequestMyDataExport { requestMyDataExport { id requestedAt } }
`);

export const DeleteAccountMutation = graphql(`
  mutation DeleteMyAccount($password: String!) { deleteMyAccount(password: $password) }
`);
