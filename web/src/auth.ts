// Sign-in: the site is a public OpenID Connect client ("civic-web") of Civic itself, on the same host
// (Authorization Code + PKCE S256 against /connect/authorize). A development token pasted on the sign-in
// page is the fallback of a developer's machine (`./civic token`).

export const clientId = "civic-web";
const tokenKey = "civic.token";
const flowKey = "civic.oidc";

export function accessToken(): string | null {
  return sessionStorage.getItem(tokenKey);
}

export function setAccessToken(token: string | null): void {
  if (token) sessionStorage.setItem(tokenKey, token);
  else sessionStorage.removeItem(tokenKey);
}

const redirectUri = () => `${location.origin}/auth/callback`;

function base64Url(bytes: Uint8Array): string {
  let text = "";
  bytes.forEach((b) => (text += String.fromCharCode(b)));
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Sends the browser to the tenant's authorization endpoint; `back` is where to return after sign-in. */
export async function beginSignIn(back: string): Promise<void> {
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
  const state = base64Url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem(flowKey, JSON.stringify({ verifier, state, back }));
  const query = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri(),
    response_type: "code",
    scope: "openid profile email",
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  location.assign(`/connect/authorize?${query}`);
}

/** Completes the flow on /auth/callback: exchanges the code for an access token; answers where to go next. */
export async function completeSignIn(search: string): Promise<string> {
  const params = new URLSearchParams(search);
  const flow = JSON.parse(sessionStorage.getItem(flowKey) ?? "null") as { verifier: string; state: string; back: string } | null;
  sessionStorage.removeItem(flowKey);
  if (params.get("error")) throw new Error(params.get("error_description") ?? params.get("error") ?? "error");
  if (!flow || params.get("state") !== flow.state) throw new Error("state");
  const response = await fetch("/connect/token", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: params.get("code") ?? "",
      redirect_uri: redirectUri(),
      client_id: clientId,
      code_verifier: flow.verifier,
    }),
  });
  const body = (await response.json()) as { access_token?: string; error_description?: string; error?: string };
  if (!response.ok || !body.access_token) throw new Error(body.error_description ?? body.error ?? String(response.status));
  setAccessToken(body.access_token);
  return flow.back || "/";
}
