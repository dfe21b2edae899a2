import { Client, cacheExchange, fetchExchange } from "urql";
import { accessToken } from "./auth";

// The public GraphQL API on the same host: the host name picks the tenant, as for any front-end.
export const client = new Client({
  url: "/graphql",
  exchanges: [cacheExchange, fetchExchange],
  fetchOptions: (): RequestInit => {
    const token = accessToken();
    const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
    return { headers };
  },
});
