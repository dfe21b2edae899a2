// Runs a query and a mutation with variables through the graphql-http reference client.
import { createClient } from 'graphql-http';
import { main, headersFor, QUERY, QUERY_VARIABLES, MUTATION, MUTATION_VARIABLES } from './options.mjs';

function execute(client, payload) {
  return new Promise((resolve, reject) => {
    let result;
    client.subscribe(payload, {
      next: (value) => { result = value; },
      error: reject,
      complete: () => resolve(result),
    });
  });
}

await main(async (options) => {
  const client = createClient({ url: options.url, headers: headersFor(options) });
  try {
    return {
      query: await execute(client, { query: QUERY, variables: QUERY_VARIABLES }),
      mutation: await execute(client, { query: MUTATION, variables: MUTATION_VARIABLES }),
    };
  } finally {
    client.dispose();
  }
});
