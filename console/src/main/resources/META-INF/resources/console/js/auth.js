// Login at the realm by authorization code with PKCE (S256) as the public client the gateway names in
// /console/config.json. Tokens live in this module's memory only: a reload logs in again, which the identity
// provider's session answers without a password. Only the PKCE verifier and state wait in sessionStorage,
// because they must survive the round trip to the login page and back.

const PENDING = 'atensi.console.login';
// Refresh this long before the access token expires, so that a request never leaves with an expired one.
const REFRESH_MARGIN_SECONDS = 30;

let config = null;
let tokens = null;
let refreshTimer = null;
const listeners = new Set();

function redirectUri() {
  return `${location.origin}${location.pathname}`;
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomText() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

function claimsOf(jwt) {
  const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = decodeURIComponent([...atob(part)].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
  return JSON.parse(json);
}

function endpoint(name) {
  return `${config.issuer}/protocol/openid-connect/${name}`;
}

async function tokenRequest(form) {
  const response = await fetch(endpoint('token'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: config.clientId, ...form }),
  });
  if (!response.ok) {
    throw new Error(`token ${response.status}`);
  }
  return response.json();
}

function keep(answer) {
  tokens = { access: answer.access_token, refresh: answer.refresh_token, id: answer.id_token ?? tokens?.id };
  clearTimeout(refreshTimer);
  const seconds = Math.max(5, (answer.expires_in ?? 60) - REFRESH_MARGIN_SECONDS);
  refreshTimer = setTimeout(refresh, seconds * 1000);
  listeners.forEach((listener) => listener(user()));
}

async function refresh() {
  if (!tokens?.refresh) {
    return false;
  }
  try {
    keep(await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh }));
    return true;
  } catch {
    // The session ended at the identity provider (idle, logged out elsewhere): the next request logs in again.
    tokens = null;
    listeners.forEach((listener) => listener(null));
    return false;
  }
}

/** Starts the session: trades a code the identity provider sent back, or returns false when there is none. */
export async function start(consoleConfig) {
  config = consoleConfig;
  const params = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null');
  // A refused login (a disabled user, a client not allowed here) must be shown, not retried in a loop.
  if (params.has('error')) {
    sessionStorage.removeItem(PENDING);
    history.replaceState(null, '', location.pathname);
    throw new Error(params.get('error_description') ?? params.get('error'));
  }
  if (!params.has('code') || !pending) {
    return false;
  }
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', `${location.pathname}${pending.hash ?? ''}`);
  if (params.get('state') !== pending.state) {
    // Not the answer to this page's request (a replayed or forged link): shown as a failed login.
    throw new Error();
  }
  keep(await tokenRequest({
    grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(), code_verifier: pending.verifier,
  }));
  return true;
}

export async function login(language) {
  const verifier = randomText();
  const state = randomText();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, hash: location.hash }));
  const query = new URLSearchParams({
    client_id: config.clientId, redirect_uri: redirectUri(), response_type: 'code', scope: 'openid',
    state, code_challenge: challenge, code_challenge_method: 'S256', ui_locales: language,
  });
  location.assign(`${endpoint('auth')}?${query}`);
}

export function logout() {
  const query = new URLSearchParams({ client_id: config.clientId, post_logout_redirect_uri: redirectUri() });
  if (tokens?.id) {
    query.set('id_token_hint', tokens.id);
  }
  tokens = null;
  clearTimeout(refreshTimer);
  location.assign(`${endpoint('logout')}?${query}`);
}

export function accessToken() {
  return tokens?.access ?? null;
}

export { refresh };

/** Who is logged in, from the access token: name, roles, and the unit or partner a scoped role acts for. */
export function user() {
  if (!tokens) {
    return null;
  }
  const claims = claimsOf(tokens.access);
  const roles = claims.groups ?? claims.realm_access?.roles ?? [];
  return {
    name: claims.preferred_username ?? claims.sub,
    roles,
    unitId: claims.unit_id ?? null,
    partnerId: claims.partner_id ?? null,
    has: (...wanted) => wanted.some((role) => roles.includes(role)),
  };
}

export function onChange(listener) {
  listeners.add(listener);
}
