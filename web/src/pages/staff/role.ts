// Which staff pages to show: the role claim of the access token (the API checks the role on every field anyway;
// the site only hides what the role cannot do). The token's signature is the API's business, not the page's.

export type StaffRole = "moderator" | "admin";

export function roleOf(token: string | null): string | null {
  const payload = token?.split(".")[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(payload.length / 4) * 4, "="));
    const role = (JSON.parse(json) as { role?: unknown }).role;
    return typeof role === "string" ? role.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** The staff role of a token: admins may do all a moderator may; anyone else is not staff. */
export function staffRole(token: string | null): StaffRole | null {
  const role = roleOf(token);
  return role === "admin" ? "admin" : role === "moderator" ? "moderator" : null;
}
