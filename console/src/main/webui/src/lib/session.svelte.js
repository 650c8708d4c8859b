// Who is signed in, in memory only: a reload asks the cookie for a new access token instead of storing one.
export const session = $state({
  accessToken: null,
  expiresAt: 0,
  user: null,
  organization: null,
  ready: false,
});

export function timeZone() {
  return session.organization?.timeZone || 'America/Sao_Paulo';
}
