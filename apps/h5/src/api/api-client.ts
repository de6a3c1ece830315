import { errorCodes, errorMessage, type ErrorBody } from '@onehall/contracts';

/** The `error` object of an API error body. */
export type ApiErrorDetail = ErrorBody['error'];

/**
 * An API call that did not succeed. `message` is always Chinese text fit to
 * show a person; `redirected` is set when the client already sent the person
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
 * The Chinese message for an error body: the server's when it sent one (it
 * can be more precise, e.g. naming the step that has no approver), else ours.
 */
function messageFor(code: string, detail: ApiErrorDetail | null): string {
  if (detail?.message) return detail.message;
  return isKnownCode(code) ? errorMessage(code) : errorMessage('INTERNAL');
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
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (options.keepalive) init.keepalive = true;
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
    init.body = JSON.stringify(body ?? {});
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试', null);
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

/** Chinese text for anything a call may throw. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return errorMessage('INTERNAL');
}

/** True when the error was already handled by sending the person to another page. */
export function isRedirected(error: unknown): boolean {
  return error instanceof ApiError && error.redirected;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => apiRequest<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, body),
};
