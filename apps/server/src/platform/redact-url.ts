/** Query parameters that carry one-time secrets: CAS tickets, OAuth codes and states. */
const SECRET_PARAMS = /([?&](?:ticket|code|state|SAMLart)=)[^&#]*/gi;

/** A URL fit for the logs: one-time secrets in its query replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}
