// GraphiQL's fetcher: one POST of GraphQL-over-HTTP to /graphql, with the tenant header and, when given, a bearer
// token; the answer's JSON (errors included) goes to GraphiQL as it came.

export interface Connection {
  /** The tenant's slug sent as X-Civic-Tenant; empty: the host's tenant. */
  tenant: string;
  /** A bearer token (development only); empty: anonymous. */
  token: string;
}

export const tenantHeader = "X-Civic-Tenant";

export function requestHeaders(connection: Connection, extra: Record<string, unknown> = {}): Record<string, string> {
  const headers: Record<string, string> = { "Content-Type": "application/json", Accept: "application/graphql-response+json, application/json" };
  for (const [name, value] of Object.entries(extra)) {
    if (typeof value === "string") headers[name] = value;
  }
  if (connection.tenant.trim()) headers[tenantHeader] = connection.tenant.trim().toLowerCase();
  if (connection.token.trim()) headers.Authorization = `Bearer ${connection.token.trim()}`;
  return headers;
}

export function createFetcher(connection: Connection, url = "/graphql") {
  return async (params: { query: string; operationName?: string | null; variables?: unknown }, options?: { headers?: Record<string, unknown> }) => {
    const response = await fetch(url, {
      method: "POST",
      headers: requestHeaders(connection, options?.headers),
      body: JSON.stringify(params),
    });
    const text = await response.text();
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 500)}` }] };
    }
  };
}
