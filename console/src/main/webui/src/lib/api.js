// The API from the browser: one origin, the access token in memory only, the refresh token in an HttpOnly cookie the
// page never sees. A 401 refreshes once and retries; failures arrive as Problem (the service's problem+json).
import { session } from './session.svelte.js';

export class Problem extends Error {
  constructor(status, detail, field, violations = []) {
    super(detail || `HTTP ${status}`);
    this.status = status;
    this.field = field;
    this.violations = violations;
  }

  static async from(response) {
    try {
      const body = await response.json();
      // Violations name their field as "field" (bean validation) or "path" (an automation's definition).
      const violations = (body.violations ?? []).map((v) => ({ field: v.field ?? v.path, message: v.message }));
      const detail = violations[0]?.message ?? body.detail ?? body.title;
      return new Problem(response.status, detail, body.field ?? violations[0]?.field, violations);
    } catch {
      return new Problem(response.status, response.statusText);
    }
  }
}

let refreshing = null;
// The access token of a sign-out under way: a request of that sign-in answered 401 meanwhile is signed out, not expired,
// and must not present the sign-in's refresh cookie once more.
let leaving = null;

function remember(tokens) {
  session.accessToken = tokens.accessToken;
  session.expiresAt = Date.now() + tokens.expiresIn * 1000;
}

/** Swaps the cookie's refresh token for a new access token; false when there is no sign-in to continue. */
export function refresh() {
  if (!refreshing) {
    const replacing = session.accessToken;
    refreshing = fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
      credentials: 'same-origin',
    })
      .then(async (response) => {
        if (!response.ok) {
          // A sign-in made meanwhile (after a sign-out) is not undone by the old one's refusal.
          if (session.accessToken === replacing) session.accessToken = null;
          return false;
        }
        remember(await response.json());
        return true;
      })
      .catch(() => false)
      .finally(() => {
        refreshing = null;
      });
  }
  return refreshing;
}

export async function signIn(email, password) {
  const response = await fetch('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password, refreshTokenIn: 'COOKIE' }),
    credentials: 'same-origin',
  });
  if (!response.ok) throw await Problem.from(response);
  remember(await response.json());
}

/** Ends this sign-in on the server (its access token and its refresh cookie) and forgets it here. */
export async function signOut() {
  leaving = session.accessToken;
  await api('/api/auth/logout', { method: 'POST', body: {} }).catch(() => {});
  session.accessToken = null;
  session.user = null;
}

/** A fresh access token, for callers that open their own requests (the live events). */
export async function accessToken() {
  if (session.accessToken && Date.now() > session.expiresAt - 30_000) await refresh();
  return session.accessToken;
}

export async function api(path, { method = 'GET', body, raw = false } = {}) {
  let token = null;
  const send = async () => {
    const headers = {};
    token = await accessToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    const form = typeof FormData !== 'undefined' && body instanceof FormData;
    if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
    return fetch(path, { method, headers, body: body === undefined ? undefined : form ? body : JSON.stringify(body) });
  };
  let response = await send();
  // A 401 refreshes the sign-in still in use, or retries with the token another request's refresh brought meanwhile;
  // a sign-in being signed out is never refreshed (its cookie would come back to the server once more).
  if (response.status === 401 && token && token !== leaving) {
    const renewed = token === session.accessToken ? await refresh() : Boolean(session.accessToken);
    if (renewed) response = await send();
  }
  if (!response.ok) throw await Problem.from(response);
  if (raw) return response;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}
