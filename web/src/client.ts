import { Client, cacheExchange, fetchExchange, subscriptionExchange } from "urql";
import { createClient as createSocket, type Client as Socket } from "graphql-ws";
import { accessToken } from "./auth";

// Live figures come over one WebSocket (graphql-transport-ws on /graphql, the same host: the host name picks the
// tenant). The member's token goes in connection_init; a socket opened with another token (sign-in, sign-out) is
// replaced by one with the current token at the next subscription. The socket opens with the first subscription.
let socket: { token: string | null; client: Socket } | null = null;

function liveSocket(): Socket {
  const token = accessToken();
  if (socket && socket.token !== token) {
    void socket.client.dispose();
    socket = null;
  }
  if (!socket) {
    const url = `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/graphql`;
    socket = {
      token,
      client: createSocket({
        url,
        lazy: true,
        connectionParams: () => (token ? { Authorization: `Bearer ${token}` } : {}),
        retryAttempts: 20,
      }),
    };
  }
  return socket.client;
}

// The public GraphQL API on the same host: the host name picks the tenant, as for any front-end.
export const client = new Client({
  url: "/graphql",
  exchanges: [
    cacheExchange,
    fetchExchange,
    subscriptionExchange({
      forwardSubscription(request) {
        const input = { ...request, query: request.query ?? "" };
        return {
          subscribe(sink) {
            const unsubscribe = liveSocket().subscribe(input, sink);
            return { unsubscribe };
          },
        };
      },
    }),
  ],
  fetchOptions: (): RequestInit => {
    const token = accessToken();
    const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
    return { headers };
  },
});
