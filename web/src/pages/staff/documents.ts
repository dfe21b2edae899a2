import { graphql } from "../../gql";

// The staff pages' operations (moderators and admins), checked against api/schema.graphql by `npm run codegen`.

export const StaffCampaignsQuery = graphql(`
  query StaffCampaigns($first: Int!, $after: String) {
    campaigns(first: $first, after: $after) {
      items {
        id title description status mode createdAt startsAt endsAt
        goal { amount currency }
        history { from to by at reason }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const ApproveCampaignMutation = graphql(`
  mutation StaffApproveCampaign($id: ID!, $note: String) {
    approveCampaign(id: $id, note: $note) { id status history { from to by at reason } }
  }
`);

export const RequestCampaignChangesMutation = graphql(`
  mutation StaffRequestCampaignChanges($id: ID!, $reason: String!) {
    requestCampaignChanges(id: $id, reason: $reason) { id status history { from to by at reason } }
  }
`);

export const RejectCampaignMutation = graphql(`
  mutation StaffRejectCampaign($id: ID!, $reason: String!) {
    rejectCampaign(id: $id, reason: $reason) { id status history { from to by at reason } }
  }
`);

export const CreateCampaignMutation = graphql(`
  mutation StaffCreateCampaign($input: CreateCampaignInput!) {
    createCampaign(input: $input) { id title status }
  }
`);

export const PublishCampaignMutation = graphql(`
  mutation StaffPublishCampaign($id: ID!) {
    publishCampaign(id: $id) { id title status }
  }
`);

export const StaffVoteFragment = graphql(`
  fragment StaffVote on Vote {
    id title status ballotType rule ballots opensAt closesAt importWarnings
    budget { amount currency }
    options { id title cost }
    results { selected { id title } allocated }
  }
`);

export const StaffVoteQuery = graphql(`
  query StaffVoteDetail($id: ID!) {
    vote(id: $id) { ...StaffVote }
  }
`);

export const CreateVoteMutation = graphql(`
  mutation StaffCreateVote($input: CreateVoteInput!) {
    createVote(input: $input) { ...StaffVote }
  }
`);

export const ImportPabulibMutation = graphql(`
  mutation StaffImportPabulib($input: ImportPabulibInput!) {
    importPabulib(input: $input) { ...StaffVote }
  }
`);

export const CloseVoteMutation = graphql(`
  mutation StaffCloseVote($id: ID!) {
    closeVote(id: $id) { ...StaffVote }
  }
`);

export const MatchPoolQuery = graphql(`
  query StaffMatchPool {
    matchPool { available { amount currency } spent { amount currency } exhausted }
  }
`);

export const FundMatchPoolMutation = graphql(`
  mutation StaffFundMatchPool($amount: Long!, $currency: String!, $idempotencyKey: String!, $settings: MatchSettingsInput) {
    fundMatchPool(amount: $amount, currency: $currency, idempotencyKey: $idempotencyKey, settings: $settings) {
      available { amount currency } spent { amount currency } exhausted replayed
    }
  }
`);

export const UpdateTenantBrandingMutation = graphql(`
  mutation StaffUpdateTenantBranding($input: UpdateTenantBrandingInput!) {
    updateTenantBranding(input: $input) { slug name locale branding { primaryColor secondaryColor logoUrl } modules }
  }
`);

export const TaxReceiptsQuery = graphql(`
  query StaffTaxReceipts($first: Int!, $after: String) {
    taxReceipts(first: $first, after: $after) {
      items {
        number form donatedOn issuedOn taxReductionPercent
        amount { amount currency }
        beneficiary { id name }
        donor { name }
      }
      pageInfo { hasNextPage endCursor }
      totalCount
    }
  }
`);

export const ReceiptBeneficiariesQuery = graphql(`
  query StaffReceiptBeneficiaries {
    receiptBeneficiaries(status: PENDING) { id name address siren rna purpose status revision submittedAt }
  }
`);

export const ApproveReceiptBeneficiaryMutation = graphql(`
  mutation StaffApproveReceiptBeneficiary($id: String!, $revision: Int!, $approve: Boolean!, $reason: String) {
    approveReceiptBeneficiary(id: $id, revision: $revision, approve: $approve, reason: $reason) { id name status revision reviewedBy reviewReason }
  }
`);

export const StaffCampaignChoicesQuery = graphql(`
  query StaffCampaignChoices($first: Int!) {
    campaigns(first: $first) { items { id title status mode } }
  }
`);

export const MatchCallFragment = graphql(`
  fragment StaffMatchCall on MatchCall {
    id name currency openedAt
    settings { ratioNumerator ratioDenominator capPerContribution capPerProject matchesPerBackerPerProject }
    pool { available { amount currency } spent { amount currency } exhausted }
  }
`);

export const MatchCallsQuery = graphql(`
  query StaffMatchCalls {
    matchCalls { ...StaffMatchCall }
  }
`);

export const CreateMatchCallMutation = graphql(`
  mutation StaffCreateMatchCall($input: CreateMatchCallInput!) {
    createMatchCall(input: $input) { ...StaffMatchCall }
  }
`);

export const FundMatchCallMutation = graphql(`
  mutation StaffFundMatchCall($id: ID!, $amount: Long!, $currency: String!, $idempotencyKey: String!) {
    fundMatchCall(id: $id, amount: $amount, currency: $currency, idempotencyKey: $idempotencyKey) {
      available { amount currency } spent { amount currency } exhausted replayed
    }
  }
`);
