import { graphql } from "../../gql";

// A campaign owner's updates to backers and the member's notifications (issue 13), checked against api/schema.graphql.

export const CampaignUpdateFieldsFragment = graphql(`
  fragment CampaignUpdateFields on CampaignUpdate {
    id title bodyHtml authorId authorName postedAt editedAt
  }
`);

export const CampaignUpdatesQuery = graphql(`
  query CampaignUpdates($id: ID!, $first: Int!, $after: String) {
    campaign(id: $id) {
      id
      updates(first: $first, after: $after) {
        items { ...CampaignUpdateFields }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);

export const PostCampaignUpdateMutation = graphql(`
  mutation PostCampaignUpdate($input: PostCampaignUpdateInput!) {
    postCampaignUpdate(input: $input) { ...CampaignUpdateFields }
  }
`);

export const DeleteCampaignUpdateMutation = graphql(`
  mutation DeleteCampaignUpdate($id: ID!) {
    deleteCampaignUpdate(id: $id) { id deleted }
  }
`);

export const MyNotificationsQuery = graphql(`
  query MyNotifications($first: Int!, $after: String) {
    myUnreadNotificationCount
    myNotifications(first: $first, after: $after) {
      items { id kind itemKind itemId text createdAt read }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const MarkAllNotificationsReadMutation = graphql(`
  mutation MarkAllNotificationsRead { markAllNotificationsRead }
`);
