// Subscribes to one campaign with graphql-ws, Apollo Client (GraphQLWsLink) and urql (subscriptionExchange),
// makes one pledge over the socket, and waits until every client has seen it:
//   node live-clients.mjs <ws-url> --token <bearer> --tenant <slug> --campaign <id> --amount <cents>
// Prints one JSON line: each client's first and last raised amounts.
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { ApolloClient, InMemoryCache, gql } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { Client as UrqlClient, subscriptionExchange } from '@urql/core';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0 || i + 1 >= args.length) throw new Error(`--${name} is required`);
  return args[i + 1];
};
const url = args[0];
const token = option('token');
const tenant = option('tenant');
const campaign = option('campaign');
const amount = Number(option('amount'));

const LIVE = `subscription Live($id: ID!) { campaignUpdated(id: $id) { id status raised { amount } } }`;
const PLEDGE = `mutation Pledge($input: PledgeInput!) { pledge(input: $input) { raised { amount } } }`;

const socket = () => createClient({
  url,
  webSocketImpl: WebSocket,
  connectionParams: { Authorization: `Bearer ${token}`, tenant },
  lazy: true,
  retryAttempts: 0,
});

const raisedOf = (data) => data.campaignUpdated.raised.amount;

// Resolves once a value of at least `target` arrived (target is set after the first value).
function watcher(name) {
  const seen = [];
  let target = Infinity;
  let done;
  const finished = new Promise((resolve) => { done = resolve; });
  let first;
  const firstValue = new Promise((resolve) => { first = resolve; });
  return {
    name,
    seen,
    firstValue,
    finished,
    setTarget(t) { target = t; if (seen.some((v) => v >= t)) done(); },
    push(value) { seen.push(value); if (seen.length === 1) first(value); if (value >= target) done(); },
  };
}

const timeout = (ms, what) => new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms).unref());

async function run() {
  const clients = [];
  const watchers = [];

  // graphql-ws directly.
  const wsClient = socket();
  clients.push(() => wsClient.dispose());
  const plain = watcher('graphql-ws');
  watchers.push(plain);
  wsClient.subscribe({ query: LIVE, variables: { id: campaign } }, {
    next: (r) => (r.errors ? plain.push(NaN) : plain.push(raisedOf(r.data))),
    error: (e) => console.error('graphql-ws error', e),
    complete: () => {},
  });

  // Apollo Client over GraphQLWsLink.
  const apolloWs = socket();
  clients.push(() => apolloWs.dispose());
  const apollo = new ApolloClient({ link: new GraphQLWsLink(apolloWs), cache: new InMemoryCache() });
  clients.push(() => apollo.stop());
  const apolloWatch = watcher('apollo');
  watchers.push(apolloWatch);
  const apolloSub = apollo.subscribe({ query: gql(LIVE), variables: { id: campaign } }).subscribe({
    next: (r) => apolloWatch.push(raisedOf(r.data)),
    error: (e) => console.error('apollo error', e),
  });
  clients.push(() => apolloSub.unsubscribe());

  // urql with its subscription exchange forwarding to graphql-ws.
  const urqlWs = socket();
  clients.push(() => urqlWs.dispose());
  const urql = new UrqlClient({
    url: url.replace(/^ws/, 'http'),
    exchanges: [subscriptionExchange({
      forwardSubscription(request) {
        const input = { ...request, query: request.query || '' };
        return { subscribe(sink) { return { unsubscribe: urqlWs.subscribe(input, sink) }; } };
      },
    })],
  });
  const urqlWatch = watcher('urql');
  watchers.push(urqlWatch);
  const urqlSub = urql.subscription(LIVE, { id: campaign }).subscribe((r) => {
    if (r.data) urqlWatch.push(raisedOf(r.data));
  });
  clients.push(() => urqlSub.unsubscribe());

  try {
    const firsts = await Promise.race([Promise.all(watchers.map((w) => w.firstValue)), timeout(20000, 'first values')]);
    const target = Math.max(...firsts) + amount;
    watchers.forEach((w) => w.setTarget(target));

    // A mutation over the socket, through graphql-ws.
    const pledged = await new Promise((resolve, reject) => {
      let result;
      wsClient.subscribe({ query: PLEDGE, variables: { input: { campaignId: campaign, amount, idempotencyKey: `interop-${Date.now()}` } } }, {
        next: (r) => { result = r; },
        error: reject,
        complete: () => resolve(result),
      });
    });
    await Promise.race([Promise.all(watchers.map((w) => w.finished)), timeout(20000, 'the pledge reaching every client')]);
    return {
      pledged: pledged.data?.pledge?.raised?.amount ?? null,
      clients: Object.fromEntries(watchers.map((w) => [w.name, { first: w.seen[0], last: w.seen[w.seen.length - 1] }])),
    };
  } finally {
    for (const dispose of clients.reverse()) {
      try { await dispose(); } catch { /* closing */ }
    }
  }
}

try {
  console.log(JSON.stringify(await run()));
  process.exit(0);
} catch (e) {
  console.error(e?.stack || String(e));
  process.exit(1);
}
