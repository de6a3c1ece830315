import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * WeCom (企业微信) on the wire, for a self-built app (自建应用): the settings,
 * the OAuth2 web-login link, one API call with its failures typed, the
 * answers' shapes (the emulator in test/peers is typed against them too) and
 * the access-token cache. The flows built on these are in wecom-client.ts.
 *
 * Documentation followed (developer.work.weixin.qq.com/document/path/…):
 * 91039 gettoken; 91022 构造网页授权链接; 96442 获取访问用户身份 (auth/getuserinfo,
 * "适用于自建应用与代开发应用"); 96443 获取访问用户敏感信息 (auth/getuserdetail);
 * 96255 读取成员 (user/get; internal-app twin 90196); 90313 全局错误码; 90664 开发前必读.
 *
 * Nothing here logs. Errors carry the API name and WeCom's errcode, never a
 * URL: the query holds the access token, the OAuth code, or the secret.
 */

export const WECOM_API_BASE_URL = 'https://qyapi.weixin.qq.com';
export const WECOM_AUTHORIZE_URL = 'https://open.weixin.qq.com/connect/oauth2/authorize';

/** The largest answer read; real ones are well under a kilobyte. */
const MAX_ANSWER_BYTES = 64 * 1024;
/** A token is renewed this long before WeCom says it expires (or at half its life, if that is later). */
const REFRESH_MARGIN_SECONDS = 300;

export interface WecomSettings {
  /** 企业ID (CorpID), the `appid` of the OAuth link. */
  corpId: string;
  /** The self-built app's AgentId; required by snsapi_privateinfo, recommended always. */
  agentId: number;
  /** https://qyapi.weixin.qq.com, or the emulator's base. */
  apiBaseUrl: string;
  /** https://open.weixin.qq.com/connect/oauth2/authorize, or the emulator's. */
  authorizeUrl: string;
  timeoutMs: number;
}

/** snsapi_base: silent, userid only. snsapi_privateinfo: the member confirms; mobile and email through a user_ticket. */
export type WecomScope = 'snsapi_base' | 'snsapi_privateinfo';

// ── failures ────────────────────────────────────────────────────────────

/**
 * Why a call failed, as the hall cares:
 * - `unreachable`: no usable answer (network, timeout, HTTP status, not JSON, wrong shape); retry later.
 * - `busy`: WeCom's -1 系统繁忙 or a rate limit (45009, 45033); retry later.
 * - `credentials`: corp id or secret wrong (40013, 40001, 40091, 41002, 41004); configuration.
 * - `ip-not-allowed`: 60020, the server's IP is not in the app's 企业可信IP; configuration.
 * - `redirect-untrusted`: 50001, the callback's host is not the app's 可信域名 (exact, port included); configuration.
 * - `code-invalid`: 40029, the OAuth code is used, expired (5 minutes) or foreign; restart the login.
 * - `ticket-invalid`: 84014/84015, the user_ticket expired (30 minutes) or is foreign; restart the login.
 * - `token-rejected`: 40014/42001 even with a fresh token.
 * - `refused`: any other errcode.
 */
export type WecomFailureKind = 'unreachable' | 'busy' | 'credentials' | 'ip-not-allowed' | 'redirect-untrusted' | 'code-invalid' | 'ticket-invalid' | 'token-rejected' | 'refused';

export class WecomError extends Error {
  readonly kind: WecomFailureKind;
  /** The API called, e.g. `auth/getuserinfo`. */
  readonly api: string;
  /** WeCom's errcode, or null when there was no WeCom answer. */
  readonly errcode: number | null;
  /** WeCom's errmsg (its "from ip" names the address to allow for 60020), or what went wrong on the way. */
  readonly detail: string;

  constructor(kind: WecomFailureKind, api: string, errcode: number | null, detail: string) {
    super(`WeCom ${api}: ${errcode === null ? detail : `errcode ${errcode}`} (${kind})`);
    this.name = 'WecomError';
    this.kind = kind;
    this.api = api;
    this.errcode = errcode;
    this.detail = detail;
  }

  get isRetryable(): boolean {
    return this.kind === 'unreachable' || this.kind === 'busy' || this.kind === 'token-rejected';
  }
}

/** 40029: the code was used already, is older than five minutes, or was never issued. The hall restarts the login. */
export class WecomCodeInvalid extends WecomError {
  constructor(api: string, detail: string) {
    super('code-invalid', api, 40029, detail);
    this.name = 'WecomCodeInvalid';
  }
}

const KIND_BY_ERRCODE = new Map<number, WecomFailureKind>([
  [-1, 'busy'],
  [45009, 'busy'],
  [45033, 'busy'],
  [40001, 'credentials'],
  [40013, 'credentials'],
  [40091, 'credentials'],
  [41002, 'credentials'],
  [41004, 'credentials'],
  [60020, 'ip-not-allowed'],
  [50001, 'redirect-untrusted'],
  [40029, 'code-invalid'],
  [84014, 'ticket-invalid'],
  [84015, 'ticket-invalid'],
  [40014, 'token-rejected'],
  [42001, 'token-rejected'],
]);

/** The error for a non-zero errcode. `secrets` are scrubbed from errmsg, should WeCom ever quote one. */
export function wecomRefusal(api: string, errcode: number, errmsg: string, secrets: string[] = []): WecomError {
  let detail = errmsg.slice(0, 500);
  for (const secret of secrets) if (secret.length >= 4) detail = detail.replaceAll(secret, '[redacted]');
  if (errcode === 40029) return new WecomCodeInvalid(api, detail);
  return new WecomError(KIND_BY_ERRCODE.get(errcode) ?? 'refused', api, errcode, detail);
}

// ── answers (the emulator is typed against these too) ───────────────────

/** Every failed call answers errcode ≠ 0; some successful ones omit errcode and errmsg (开发前必读, 90664). */
export interface WecomErrorAnswer {
  errcode: number;
  errmsg: string;
}
const base = { errcode: z.number().int().optional(), errmsg: z.string().optional() };
const text = z.string().max(2048);

export const wecomTokenAnswer = z.object({ ...base, access_token: z.string().min(1).max(2048), expires_in: z.number().int().positive() });
/** Member: userid (+ user_ticket with snsapi_privateinfo inside the visible range). Not a member: openid (+ external_userid). */
export const wecomUserInfoAnswer = z.object({ ...base, userid: text.optional(), user_ticket: text.optional(), openid: text.optional(), external_userid: text.optional() });
/** Sensitive fields come only when the member agreed to snsapi_privateinfo; gender is "0" otherwise. */
export const wecomUserDetailAnswer = z.object({
  ...base,
  userid: text,
  gender: text.optional(),
  avatar: text.optional(),
  qr_code: text.optional(),
  mobile: text.optional(),
  email: text.optional(),
  biz_mail: text.optional(),
  address: text.optional(),
});
/** Apps created after 2022-06-20 get no avatar, gender, mobile, email, biz_mail, qr_code or address here. */
export const wecomUserAnswer = z.object({
  ...base,
  userid: text,
  name: text,
  department: z.array(z.number().int()).default([]),
  main_department: z.number().int().optional(),
  position: text.optional(),
  /** 1 active, 2 disabled, 4 not activated, 5 left the corp. */
  status: z.number().int().optional(),
  mobile: text.optional(),
  email: text.optional(),
});
export type WecomTokenAnswer = z.input<typeof wecomTokenAnswer>;
export type WecomUserInfoAnswer = z.input<typeof wecomUserInfoAnswer>;
export type WecomUserDetailAnswer = z.input<typeof wecomUserDetailAnswer>;
export type WecomUserAnswer = z.input<typeof wecomUserAnswer>;

// ── the OAuth link ──────────────────────────────────────────────────────

/** The doc's rule for state: a-zA-Z0-9, at most 128 bytes (84025 otherwise). base64url states do not qualify. */
export const isValidWecomState = (state: string): boolean => /^[A-Za-z0-9]{1,128}$/.test(state);

/** A fresh state WeCom accepts: 48 hex characters. */
export const randomWecomState = (): string => randomBytes(24).toString('hex');

/**
 * The OAuth2 web-login link, parameters in the documented order (91022):
 * appid, redirect_uri (URL-encoded), response_type=code, scope, state,
 * agentid, then the #wechat_redirect fragment the WeCom client looks for.
 * The callback's host must be the app's 可信域名, or the code exchange fails with 50001.
 */
export function wecomAuthorizeUrl(settings: Pick<WecomSettings, 'corpId' | 'agentId' | 'authorizeUrl'>, options: { redirectUri: string; scope: WecomScope; state: string }): string {
  if (!isValidWecomState(options.state)) throw new Error('WeCom state must be 1–128 characters a-z, A-Z, 0-9');
  const query = [
    ['appid', settings.corpId],
    ['redirect_uri', options.redirectUri],
    ['response_type', 'code'],
    ['scope', options.scope],
    ['state', options.state],
    ['agentid', String(settings.agentId)],
  ];
  return `${settings.authorizeUrl}?${query.map(([k, v]) => `${k}=${encodeURIComponent(v!)}`).join('&')}#wechat_redirect`;
}

// ── the access token ────────────────────────────────────────────────────

/** When to fetch a new token: REFRESH_MARGIN before expiry, but never before half its life (WeCom may answer a token's remaining time). */
export function tokenRefreshAt(fetchedAtMs: number, expiresInSeconds: number): number {
  return fetchedAtMs + 1000 * Math.max(expiresInSeconds - REFRESH_MARGIN_SECONDS, expiresInSeconds / 2);
}

/**
 * Access tokens by (API base, corp id, secret). One fetch at a time per key:
 * callers arriving while a token is being fetched wait for that fetch
 * (gettoken is rate-limited, and each app has one token at a time).
 */
export class WecomTokenCache {
  #tokens = new Map<string, { token: string; refreshAt: number }>();
  #fetching = new Map<string, Promise<string>>();

  async get(key: string, now: number, fetchToken: () => Promise<{ token: string; refreshAt: number }>): Promise<string> {
    const cached = this.#tokens.get(key);
    if (cached && now < cached.refreshAt) return cached.token;
    let fetching = this.#fetching.get(key);
    if (!fetching) {
      fetching = fetchToken()
        .then((fresh) => {
          this.#tokens.set(key, fresh);
          return fresh.token;
        })
        .finally(() => this.#fetching.delete(key));
      this.#fetching.set(key, fetching);
    }
    return fetching;
  }

  /** Forgets `token` after WeCom refused it, unless another caller has already replaced it. */
  drop(key: string, token: string): void {
    if (this.#tokens.get(key)?.token === token) this.#tokens.delete(key);
  }

  clear(): void {
    this.#tokens.clear();
  }
}

/** The process's tokens: clients made per request share them. */
export const sharedWecomTokens = new WecomTokenCache();

// ── one HTTP call ───────────────────────────────────────────────────────

/**
 * GETs (or POSTs JSON to) {apiBaseUrl}/cgi-bin/{api} and returns the answer
 * when errcode is 0 or absent. A network failure, a timeout, an HTTP status
 * other than 200, an oversized or non-JSON answer, or one of another shape
 * is `unreachable`; an errcode is `wecomRefusal`. `secrets` are the query's
 * sensitive values, scrubbed from any errmsg.
 */
export async function callWecomApi<T>(
  settings: Pick<WecomSettings, 'apiBaseUrl' | 'timeoutMs'>,
  api: string,
  request: { query: Record<string, string>; json?: unknown; secrets: string[] },
  schema: z.ZodType<T>,
): Promise<T> {
  const url = new URL(`${settings.apiBaseUrl.replace(/\/+$/, '')}/cgi-bin/${api}`);
  for (const [name, value] of Object.entries(request.query)) url.searchParams.set(name, value);
  let status: number;
  let body: string;
  try {
    const response = await fetch(url, {
      method: request.json === undefined ? 'GET' : 'POST',
      headers: request.json === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: request.json === undefined ? undefined : JSON.stringify(request.json),
      redirect: 'error',
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    status = response.status;
    if (Number(response.headers.get('content-length') ?? '0') > MAX_ANSWER_BYTES) throw new Error('ANSWER_TOO_LARGE');
    body = await response.text();
  } catch (error) {
    // The fetch error would be fine to show, but a message naming the URL would not be: only its code travels.
    throw new WecomError('unreachable', api, null, networkFailure(error));
  }
  if (status !== 200) throw new WecomError('unreachable', api, null, `HTTP_${status}`);
  if (Buffer.byteLength(body) > MAX_ANSWER_BYTES) throw new WecomError('unreachable', api, null, 'ANSWER_TOO_LARGE');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new WecomError('unreachable', api, null, 'NOT_JSON');
  }
  const outcome = z.object(base).safeParse(json);
  if (!outcome.success) throw new WecomError('unreachable', api, null, 'NOT_A_WECOM_ANSWER');
  if (outcome.data.errcode !== undefined && outcome.data.errcode !== 0) throw wecomRefusal(api, outcome.data.errcode, outcome.data.errmsg ?? '', request.secrets);
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new WecomError('unreachable', api, null, 'UNEXPECTED_ANSWER');
  return parsed.data;
}

function networkFailure(error: unknown): string {
  if (!(error instanceof Error)) return 'NETWORK';
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'TIMEOUT';
  if (error.message === 'ANSWER_TOO_LARGE') return 'ANSWER_TOO_LARGE';
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code) ? code : 'NETWORK';
}
