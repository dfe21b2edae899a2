// Runs a query and a mutation with variables through Apollo Client's HttpLink.
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { main, headersFor, QUERY, QUERY_VARIABLES, MUTATION, MUTATION_VARIABLES } from './options.mjs';

await main(async (options) => {
  const client = new ApolloClient({
    link: new HttpLink({ uri: options.url, headers: headersFor(options) }),
    cache: new InMemoryCache(),
  });
  try {
    const query = await client.query({ query: gql(QUERY), variables: QUERY_VARIABLES, fetchPolicy: 'no-cache' });
    const mutation = await client.mutate({ mutation: gql(MUTATION), variables: MUTATION_VARIABLES });
    return {
      query: { data: query.data, errors: query.error ? [String(query.error)] : undefined },
      mutation: { data: mutation.data, errors: mutation.error ? [String(mutation.error)] : undefined },
    };
  } finally {
    client.stop();
  }
});
