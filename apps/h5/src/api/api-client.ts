import type { ErrorBody } from '@onehall/contracts';
import { errorCodes, errorMessage } from '@onehall/contracts/plain';
import { language, languageTag } from '../i18n/language.ts';
import { t } from '../i18n/translate.ts';

/** The `error` object of an API error body. */
export type ApiErrorDetail = ErrorBody['error'];

/**
 * An API call that did not succeed. `message` is text fit to show a person,
 * in the page's language; `redirected` is set when the client already sent the person
 * elsewhere (to log in, or to change the initial password), so the page that
 * made the call should stay quiet.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: ApiErrorDetail | null;
  redirected = false;

  constructor(status: number, code: string, message: string, detail: ApiErrorDetail | null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

/** What the app does when the API says the person must log in or change the password. */
export interface ApiRedirects {
  toLogin(): void;
  toPasswordChange(): void;
}

let csrfToken: string | null = null;
let redirects: ApiRedirects = { toLogin() {}, toPasswordChange() {} };

/** Remembers the CSRF token of the session (from /api/auth/me or the login answer). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Wires the client to the router; called once at start. */
export function setApiRedirects(next: ApiRedirects): void {
  redirects = next;
}

function isKnownCode(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(errorCodes, code);
}

/**
 * The message for an error body. In Chinese, the server's when it sent one
 * (it can be more precise, e.g. naming the step that has no approver), else
 * the code's. In English, the code's (the server's details are Chinese).
 */
function messageFor(code: string, detail: ApiErrorDetail | null): string {
  if (language === 'zh' && detail?.message) return detail.message;
  return isKnownCode(code) ? errorMessage(code, language) : errorMessage('INTERNAL', language);
}

function fallbackCode(status: number): string {
  if (status === 401) return 'NOT_AUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 503 || status === 502 || status === 504) return 'UNAVAILABLE';
  return 'INTERNAL';
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A GET sent at start, before the page that needs it has loaded: its answer, and when it was asked. */
interface EarlyAnswer {
  response: Promise<Response>;
  at: number;
}

const earlyAnswers = new Map<string, EarlyAnswer>();

/** An early answer older than this is not used: the page asks again. */
const EARLY_ANSWER_MS = 10_000;

let capturingEarly = false;

/**
 * Sends the GETs that `calls` makes now, for the page about to be shown
 * (its chunks are still on their way): call the same `hallApi` functions the
 * page calls, so the paths are the page's. The page's first request of the
 * same path within ten seconds takes this answer instead of asking again; an
 * early request that failed (no session yet, say) is simply asked again then,
 * with the usual error handling. Nothing waits for these calls' results.
 */
export function requestEarly(calls: () => unknown): void {
  capturingEarly = true;
  try {
    calls();
  } finally {
    capturingEarly = false;
  }
}

/** Lets go of an answer nobody will read (an unread body keeps its request open). */
function discard(response: Promise<Response>): void {
  response.then((answer) => answer.body?.cancel()).catch(() => undefined);
}

function sendEarly(path: string): void {
  const response = fetch(path, { method: 'GET', credentials: 'same-origin', headers: { Accept: 'application/json', 'Accept-Language': languageTag } });
  const early = { response, at: Date.now() };
  earlyAnswers.set(path, early);
  // A refusal (no session yet) is never used: the page asks again.
  response.then((answer) => answer.ok || discard(response)).catch(() => undefined);
  // Nor is an answer the page did not take in time.
  setTimeout(() => {
    if (earlyAnswers.get(path) !== early) return;
    earlyAnswers.delete(path);
    discard(response);
  }, EARLY_ANSWER_MS);
}

/** The early answer for a GET of `path`, if there is a fresh and successful one (taken: it is used once). */
async function takeEarly(path: string): Promise<Response | null> {
  const early = earlyAnswers.get(path);
  if (!early) return null;
  earlyAnswers.delete(path);
  if (Date.now() - early.at > EARLY_ANSWER_MS) return null;
  try {
    const response = await early.response;
    return response.ok ? response : null;
  } catch {
    return null;
  }
}

export interface RequestOptions {
  /**
   * false: a missing session is only reported (an `ApiError` with status
   * 401), the person is not sent to the login page. For pages that merely
   * ask whether there is a session.
   */
  redirectToLogin?: boolean;
  /**
   * The request outlives the page (fetch keepalive): for the save of a
   * draft as the page is hidden or closed. navigator.sendBeacon cannot carry
   * the CSRF header; keepalive can (bodies up to 64 KB).
   */
  keepalive?: boolean;
}

/**
 * Calls the API with the session cookie. Every state-changing request carries
 * the CSRF token and a JSON body; errors become an `ApiError`.
 */
export async function apiRequest<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  if (capturingEarly) {
    if (method === 'GET') sendEarly(path);
    // Only requestEarly's calls get here, and they ignore what they are answered.
    return undefined as T;
  }
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': languageTag };
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (options.keepalive) init.keepalive = true;
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
    init.body = JSON.stringify(body ?? {});
  }

  let response: Response;
  try {
    response = (method === 'GET' ? await takeEarly(path) : null) ?? (await fetch(path, init));
  } catch {
    throw new ApiError(0, 'NETWORK', t('common.networkFailed'), null);
  }

  const text = await response.text();
  let payload: unknown = null;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = null;
    }
  }
  if (response.ok) return payload as T;

  const detail = (payload as Partial<ErrorBody> | null)?.error ?? null;
  const code = detail?.code ?? fallbackCode(response.status);
  const error = new ApiError(response.status, code, messageFor(code, detail), detail);
  if (response.status === 401 && (code === 'NOT_AUTHENTICATED' || code === 'SESSION_EXPIRED')) {
    csrfToken = null;
    if (options.redirectToLogin === false) throw error;
    error.redirected = true;
    redirects.toLogin();
  } else if (response.status === 403 && code === 'PASSWORD_CHANGE_REQUIRED') {
    error.redirected = true;
    redirects.toPasswordChange();
  }
  throw error;
}

/** Text for anything a call may throw, in the page's language. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return errorMessage('INTERNAL', language);
}

/** True when the error was already handled by sending the person to another page. */
export function isRedirected(error: unknown): boolean {
  return error instanceof ApiError && error.redirected;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => apiRequest<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, body),
};
