// An upstream OpenID Connect provider on loopback for Civic's external sign-in tests: npm's oidc-provider 9
// (a certified OpenID Provider) with one confidential client (Civic) and the accounts the test names, signed in through
// oidc-provider's own development login form (any password; the login field names the account).
//
// node upstream-provider.mjs <clientId> <clientSecret> <redirectUri> <accounts JSON: { "<sub>": { claims } }>
// Prints one line {"issuer": "..."} once it listens on a free 127.0.0.1 port, and serves until stdin closes or it is killed.
import http from 'node:http';
import Provider from 'oidc-provider';

const [clientId, clientSecret, redirectUri, accountsJson] = process.argv.slice(2);
if (!clientId || !clientSecret || !redirectUri || !accountsJson) {
  console.error('usage: node upstream-provider.mjs <clientId> <clientSecret> <redirectUri> <accounts JSON>');
  process.exit(2);
}

const accounts = JSON.parse(accountsJson);
const server = http.createServer();

server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    async findAccount(ctx, id) {
      const claims = Object.hasOwn(accounts, id) ? accounts[id] : null;
      return claims && { accountId: id, async claims() { return { sub: id, ...claims }; } };
    },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'birthdate'],
      address: ['address'],
      // A city's own identity provider can say who lives where: the district code, or true.
      residency: ['resident_district'],
    },
    // The scopes' claims go into the id_token, which is what Civic reads.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    cookies: { keys: ['civic-upstream-test-cookie-key'] },
    features: { devInteractions: { enabled: true } },
  });
  provider.on('server_error', (ctx, error) => console.error('server_error', error));
  server.on('request', provider.callback());
  console.log(JSON.stringify({ issuer }));
});

process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.resume();
