// Signs in to a Civic tenant with openid-client (discovery, Authorization Code + PKCE S256), drives the sign-in
// form like a browser with a cookie jar, calls GraphQL with the access token, refreshes (rotation), replays the
// old refresh token (refused, chain revoked), revokes a refresh token, and logs out. Prints one JSON line.
// With PROVIDER and SUBJECT, the browser part signs in through the tenant's external provider instead of the form:
// the provider's button on Civic's sign-in page, the upstream's own login and consent forms as SUBJECT, and back.
//
// node oidc-client.mjs ISSUER CLIENT_ID REDIRECT_URI POST_LOGOUT_URI EMAIL PASSWORD [PROVIDER SUBJECT]
import * as client from 'openid-client';

const [issuer, clientId, redirectUri, postLogoutUri, email, password, provider, subject] = process.argv.slice(2);
if (!password || (provider && !subject)) {
  console.error('usage: node oidc-client.mjs ISSUER CLIENT_ID REDIRECT_URI POST_LOGOUT_URI EMAIL PASSWORD [PROVIDER SUBJECT]');
  process.exit(2);
}

const base = new URL(issuer);
const insecure = { execute: [client.allowInsecureRequests] };
const jars = new Map(); // one cookie jar per origin (Civic's, the upstream's)

// A browser request: the origin's cookies sent and kept, redirects not followed.
async function browse(url, init = {}) {
  const target = new URL(url, base);
  const jar = jars.get(target.origin) ?? new Map();
  jars.set(target.origin, jar);
  const headers = new Headers(init.headers ?? {});
  if (jar.size > 0) {
    headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
  }
  const response = await fetch(target, { ...init, headers, redirect: 'manual' });
  for (const cookie of response.headers.getSetCookie()) {
    const [pair, ...attributes] = cookie.split(';');
    const at = pair.indexOf('=');
    const name = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
    if (expired) jar.delete(name); else jar.set(name, value);
  }
  return response;
}

// Follows redirects on the issuer until one leaves it (the client's redirect URI), answering the sign-in form once.
async function authorize(url) {
  let response = await browse(url);
  for (let hops = 0; hops < 10; hops++) {
    if (response.status === 302 || response.status === 303) {
      const location = new URL(response.headers.get('location'), base);
      if (location.origin !== base.origin || !location.pathname.startsWith('/connect') && !location.pathname.startsWith('/account')) {
        return location;
      }
      response = await browse(location);
      continue;
    }
    const html = await response.text();
    if (response.status !== 200 || !html.includes('name="password"')) {
      throw new Error(`unexpected page ${response.status}: ${html.slice(0, 500)}`);
    }
    if (provider) {
      response = await browse(await throughUpstream(html));
      continue;
    }
    const field = (name) => html.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1]?.replaceAll('&amp;', '&') ?? '';
    const form = new URLSearchParams({
      __RequestVerificationToken: field('__RequestVerificationToken'),
      returnUrl: field('returnUrl'),
      email,
      password,
    });
    response = await browse('/account/sign-in', { method: 'POST', body: form });
  }
  throw new Error('too many redirects');
}

// From Civic's sign-in page: the provider's button, then the upstream's login and consent forms (its development
// interactions) until it sends the browser back to Civic; answers Civic's callback URL.
async function throughUpstream(signInPage) {
  const button = signInPage.match(new RegExp(`data-provider="${provider}" href="([^"]+)"`));
  if (!button) throw new Error(`no button for ${provider} on the sign-in page`);
  let response = await browse(button[1].replaceAll('&amp;', '&'));
  for (let hops = 0; hops < 12; hops++) {
    if (response.status === 302 || response.status === 303) {
      const location = new URL(response.headers.get('location'), response.url || base);
      if (location.origin === base.origin) return location;
      response = await browse(location);
      continue;
    }
    const page = await response.text();
    const form = page.match(/<form[^>]*action="([^"]+)"[^>]*method="post"/);
    if (!form) throw new Error(`no form at the upstream (${response.status}): ${page.slice(0, 300)}`);
    const prompt = page.match(/name="prompt" value="([a-z]+)"/)?.[1] ?? '';
    const action = new URL(form[1].replaceAll('&amp;', '&'), response.url);
    response = await browse(action, { method: 'POST', body: new URLSearchParams({ prompt, login: subject, password: 'any' }) });
  }
  throw new Error('the upstream did not send the browser back');
}

async function signIn(config) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid profile email offline_access',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  const callback = await authorize(url);
  return client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
}

async function graphql(accessToken) {
  const response = await fetch(new URL('/graphql', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ query: '{ myVerification { verified } }' }),
  });
  return { status: response.status, body: await response.json() };
}

async function refusal(promise) {
  try {
    await promise;
    return null;
  } catch (error) {
    return error.error ?? error.code ?? String(error);
  }
}

const result = {};
try {
  const config = await client.discovery(base, clientId, undefined, client.None(), insecure);
  result.issuer = config.serverMetadata().issuer;

  const tokens = await signIn(config);
  const claims = tokens.claims();
  result.idToken = { sub: claims.sub, email: claims.email, name: claims.name, tenant: claims.tenant, role: claims.role };
  result.accessToken = tokens.access_token;
  result.graphql = await graphql(tokens.access_token);
  result.userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);

  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
  result.rotated = refreshed.refresh_token !== tokens.refresh_token && !!refreshed.refresh_token;
  result.refreshedGraphql = await graphql(refreshed.access_token);
  result.replayError = await refusal(client.refreshTokenGrant(config, tokens.refresh_token));
  result.afterReplayError = await refusal(client.refreshTokenGrant(config, refreshed.refresh_token));

  // The session cookie is still there: no form this time.
  const again = await signIn(config);
  await client.tokenRevocation(config, again.refresh_token);
  result.afterRevocationError = await refusal(client.refreshTokenGrant(config, again.refresh_token));

  const logout = client.buildEndSessionUrl(config, { id_token_hint: again.id_token, post_logout_redirect_uri: postLogoutUri });
  const loggedOut = await browse(logout);
  result.logoutRedirect = loggedOut.headers.get('location');
  const afterLogout = await browse(client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri, scope: 'openid', code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
    code_challenge_method: 'S256',
  }));
  result.afterLogoutLocation = afterLogout.headers.get('location');
  console.log(JSON.stringify(result));
} catch (error) {
  result.error = `${error.name}: ${error.message} ${error.error ?? ''} ${error.error_description ?? ''}`;
  console.log(JSON.stringify(result));
  process.exit(1);
}
