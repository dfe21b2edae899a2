import { accessToken } from "../../auth";

// Who is signed in, read from the claims of the site's own access token (sub and role): only to choose what to show
// (a moderator's controls, one's own comment's edit button). The API decides every act by the same token.

export interface Viewer {
  id: string;
  role: string;
}

const staff = new Set(["moderator", "admin", "operator"]);

/** The claims of a JWT's payload, or null when the text is not one. */
export function claims(token: string): Record<string, unknown> | null {
  const part = token.split(".")[1];
  if (!part) return null;
  try {
    const base64 = part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "=");
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function viewerOf(token: string | null): Viewer | null {
  const c = token ? claims(token) : null;
  return c && typeof c.sub === "string" ? { id: c.sub, role: typeof c.role === "string" ? c.role.toLowerCase() : "member" } : null;
}

export function viewer(): Viewer | null {
  return viewerOf(accessToken());
}

export function isModerator(v: Viewer | null): boolean {
  return v !== null && staff.has(v.role);
}
