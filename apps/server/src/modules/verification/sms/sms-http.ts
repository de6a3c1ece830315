import { SmsSendError } from './sms.provider.ts';

/**
 * POSTs to an SMS provider and reads its JSON answer, whatever the status.
 * A timeout, a network failure or an answer that is not JSON becomes an
 * SmsSendError; what the JSON says is for the provider to judge.
 */
export async function postForJson(provider: string, url: string, init: { headers: Record<string, string>; body: string }, timeoutMs: number): Promise<{ status: number; json: unknown }> {
  let status: number;
  let text: string;
  try {
    const response = await fetch(url, { method: 'POST', headers: init.headers, body: init.body, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
    status = response.status;
    text = await response.text();
  } catch (error) {
    // Neither the request nor its body appear in the error: the body carries the code.
    throw new SmsSendError(provider, error instanceof Error && error.name === 'TimeoutError' ? 'TIMEOUT' : 'NETWORK', 'unavailable');
  }
  try {
    return { status, json: JSON.parse(text) as unknown };
  } catch {
    throw new SmsSendError(provider, `HTTP_${status}`, status >= 500 || status === 429 ? 'unavailable' : 'configuration');
  }
}
