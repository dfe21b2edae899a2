import { graphql } from "../../gql";

// The idea-box operations of the site (issue 11), checked against api/schema.graphql by `npm run codegen`.

export const IdeaBoxesQuery = graphql(`
  query IdeaBoxes($first: Int!, $after: String) {
    ideaBoxes(first: $first, after: $after) {
      items { id title opensAt closesAt ideas }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const IdeaBoxQuery = graphql(`
  query IdeaBox($id: ID!) {
    ideaBox(id: $id) {
      id title briefHtml opensAt closesAt isOpen categories districts
      ideasPerMember supportsPerMember supportsNeeded answerDeadlineDays supportsWithdrawable
      whoMayPropose { requireVerified minimumAge requireDistrict }
      whoMaySupport { requireVerified minimumAge requireDistrict }
    }
  }
`);

export const IdeaCardFragment = graphql(`
  fragment IdeaCard on Idea {
    id title state supportCount commentCount category district submittedAt hidden supportedByMe
  }
`);

export const IdeasQuery = graphql(`
  query Ideas($boxId: ID!, $order: IdeaOrder, $seed: String, $category: String, $district: String, $state: IdeaState,
      $search: String, $first: Int!, $after: String) {
    ideas(boxId: $boxId, order: $order, seed: $seed, category: $category, district: $district, state: $state,
        search: $search, first: $first, after: $after) {
      items { ...IdeaCard }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const SimilarIdeasQuery = graphql(`
  query SimilarIdeas($boxId: ID!, $text: String!) {
    similarIdeas(boxId: $boxId, text: $text) { id title supportCount state }
  }
`);

export const SubmitIdeaMutation = graphql(`
  mutation SubmitIdea($boxId: ID!, $input: SubmitIdeaInput!) {
    submitIdea(boxId: $boxId, input: $input) { id }
  }
`);

export const IdeaQuery = graphql(`
  query Idea($id: ID!) {
    idea(id: $id) {
      ...IdeaCard
      boxId authorId bodyHtml version underReviewSince answerDueAt hiddenReason
      answers { at state text }
    }
  }
`);

export const SupportIdeaMutation = graphql(`
  mutation SupportIdea($id: ID!) {
    supportIdea(id: $id) { ideaId supportCount state supporting }
  }
`);

export const WithdrawSupportMutation = graphql(`
  mutation WithdrawSupport($id: ID!) {
    withdrawSupport(id: $id) { ideaId supportCount state supporting }
  }
`);

export const AnswerIdeaMutation = graphql(`
  mutation AnswerIdea($id: ID!, $state: IdeaState!, $text: String!) {
    answerIdea(id: $id, state: $state, text: $text) { id state answers { at state text } }
  }
`);

export const CommentFieldsFragment = graphql(`
  fragment CommentFields on Comment {
    id parentId depth authorId hidden hiddenReason stance body bodyHtml deleted ups downs score replyCount version createdAt editedAt
  }
`);

// A page of a thread (an idea's, a campaign's, a vote project's) with two levels of replies, in the query's $order.
export const CommentThreadPageFragment = graphql(`
  fragment CommentThreadPage on CommentConnection {
    items {
      ...CommentFields
      replies(order: $order, first: 5) {
        items { ...CommentFields replies(order: $order, first: 5) { items { ...CommentFields } pageInfo { hasNextPage endCursor } } }
        pageInfo { hasNextPage endCursor }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
`);

export const IdeaCommentsQuery = graphql(`
  query IdeaComments($id: ID!, $order: CommentOrder, $first: Int!, $after: String) {
    idea(id: $id) {
      id
      comments(order: $order, first: $first, after: $after) { ...CommentThreadPage }
    }
  }
`);

export const CampaignCommentsQuery = graphql(`
  query CampaignComments($id: ID!, $order: CommentOrder, $first: Int!, $after: String) {
    campaign(id: $id) {
      id
      comments(order: $order, first: $first, after: $after) { ...CommentThreadPage }
    }
  }
`);

export const VoteOptionCommentsQuery = graphql(`
  query VoteOptionComments($voteId: ID!, $optionId: ID!, $order: CommentOrder, $first: Int!, $after: String) {
    voteOption(voteId: $voteId, optionId: $optionId) {
      id
      comments(order: $order, first: $first, after: $after) { ...CommentThreadPage }
    }
  }
`);

export const CommentCampaignMutation = graphql(`
  mutation CommentCampaign($campaignId: ID!, $input: CommentInput!) {
    commentCampaign(campaignId: $campaignId, input: $input) { ...CommentFields }
  }
`);

export const CommentVoteOptionMutation = graphql(`
  mutation CommentVoteOption($voteId: ID!, $optionId: ID!, $input: CommentInput!) {
    commentVoteOption(voteId: $voteId, optionId: $optionId, input: $input) { ...CommentFields }
  }
`);

export const CommentIdeaMutation = graphql(`
  mutation CommentIdea($ideaId: ID!, $input: CommentInput!) {
    commentIdea(ideaId: $ideaId, input: $input) { ...CommentFields }
  }
`);

export const EditCommentMutation = graphql(`
  mutation EditComment($id: ID!, $body: String!) {
    editComment(id: $id, body: $body) { ...CommentFields }
  }
`);

export const DeleteCommentMutation = graphql(`
  mutation DeleteComment($id: ID!) {
    deleteComment(id: $id) { ...CommentFields }
  }
`);

export const VoteCommentMutation = graphql(`
  mutation VoteComment($id: ID!, $vote: CommentVote!) {
    voteComment(id: $id, vote: $vote) { ...CommentFields }
  }
`);

export const ReportContentMutation = graphql(`
  mutation ReportContent($kind: ReportedKind!, $id: ID!, $reason: ReportReason!, $text: String) {
    reportContent(kind: $kind, id: $id, reason: $reason, text: $text) { itemKind itemId hidden }
  }
`);

export const ModerationQueueQuery = graphql(`
  query ModerationQueue($first: Int!, $after: String) {
    moderationQueue(first: $first, after: $after) {
      items {
        itemKind itemId authorId reportCount hidden hiddenReason lastReportedAt title excerpt ideaId
        reports { reporterId reason text reportedAt }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const ModerateContentMutation = graphql(`
  mutation ModerateContent($kind: ReportedKind!, $id: ID!, $act: ModerationAct!, $reason: String!) {
    moderateContent(kind: $kind, id: $id, act: $act, reason: $reason) { itemKind itemId hidden }
  }
`);

export const CommentRepliesQuery = graphql(`
  query CommentReplies($id: ID!, $order: CommentOrder, $first: Int!, $after: String) {
    comment(id: $id) {
      id
      replies(order: $order, first: $first, after: $after) {
        items { ...CommentFields replies(order: $order, first: 5) { items { ...CommentFields } pageInfo { hasNextPage endCursor } } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);

export const IdeaAuthorQuery = graphql(`
  query IdeaAuthor($id: ID!) {
    idea(id: $id) { id title body category district location { latitude longitude } mayEdit editableUntil mayWithdraw }
  }
`);

export const EditIdeaMutation = graphql(`
  mutation EditIdea($id: ID!, $input: SubmitIdeaInput!) {
    editIdea(id: $id, input: $input) { id title bodyHtml version }
  }
`);

export const WithdrawIdeaMutation = graphql(`
  mutation WithdrawIdea($id: ID!) {
    withdrawIdea(id: $id) { id state }
  }
`);

export const OverdueIdeasQuery = graphql(`
  query OverdueIdeas {
    overdueIdeas(first: 50) { edges { node { id title answerDueAt } } }
  }
`);

export const ModerationHistoryQuery = graphql(`
  query ModerationHistory($kind: ReportedKind!, $id: ID!) {
    moderationHistory(kind: $kind, id: $id) { act byId reason at }
  }
`);
