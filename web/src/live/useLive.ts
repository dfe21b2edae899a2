import { useSubscription } from "urql";
import { CampaignLiveSubscription, IdeaLiveSubscription, TenantFeedSubscription, VoteLiveSubscription } from "./documents";
import type { CampaignLiveSubscription as CampaignLive, IdeaLiveSubscription as IdeaLive, TenantFeedSubscription as TenantFeed, VoteLiveSubscription as VoteLive } from "../gql/graphql";

// Live figures pushed by the API (no polling): each hook answers the last value received, or null before the first
// one (the page shows its query's figures meanwhile). A failed subscription leaves the query's figures in place.

export function useCampaignLive(id: string): CampaignLive["campaignUpdated"] | null {
  const [{ data }] = useSubscription({ query: CampaignLiveSubscription, variables: { id } });
  return data?.campaignUpdated ?? null;
}

export function useVoteLive(id: string): VoteLive["voteUpdated"] | null {
  const [{ data }] = useSubscription({ query: VoteLiveSubscription, variables: { id } });
  return data?.voteUpdated ?? null;
}

export function useIdeaLive(id: string): IdeaLive["ideaUpdated"] | null {
  const [{ data }] = useSubscription({ query: IdeaLiveSubscription, variables: { id } });
  return data?.ideaUpdated ?? null;
}

export function useTenantFeed(): TenantFeed["tenantFeed"]["items"] {
  const [{ data }] = useSubscription({ query: TenantFeedSubscription });
  return data?.tenantFeed.items ?? [];
}

/** A query's record with the live figures laid over it (the live ones win once they arrive). */
export function withLive<T extends object, L extends object>(base: T, live: L | null): T {
  return live ? { ...base, ...live } : base;
}
