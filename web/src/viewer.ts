import { useQuery } from "urql";
import { graphql } from "./gql";

// Who is signed in, as the API says (query viewer): only to choose what to show (a moderator's controls, one's own
// comment's edit button). The API decides every act by the same token.

export const ViewerQuery = graphql(`
  query Viewer {
    viewer { id role displayName district }
  }
`);

export interface Viewer {
  id: string;
  role: string;
  displayName: string | null;
  /** The district the viewer votes in (their verified residency's); null when not known. */
  district?: string | null;
}

/** Moderators and admins of the tenant (the API names roles in capitals). */
export function isModerator(v: Viewer | null): boolean {
  return v !== null && (v.role === "MODERATOR" || v.role === "ADMIN");
}

/** The signed-in viewer, null when anonymous; `known` is false until the API has answered. */
export function useViewer(): { viewer: Viewer | null; known: boolean } {
  const [{ data, error }] = useQuery({ query: ViewerQuery });
  const v = data?.viewer;
  return { viewer: v ? { id: v.id, role: v.role, displayName: v.displayName ?? null, district: v.district ?? null } : null, known: data !== undefined || error !== undefined };
}
