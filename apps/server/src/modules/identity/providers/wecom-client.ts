import { createHash } from 'node:crypto';
import type { z } from 'zod';
import {
  callWecomApi,
  sharedWecomTokens,
  tokenRefreshAt,
  wecomAuthorizeUrl,
  WecomCodeInvalid,
  WecomError,
  wecomTokenAnswer,
  wecomUserAnswer,
  wecomUserDetailAnswer,
  wecomUserInfoAnswer,
  type WecomScope,
  type WecomSettings,
  type WecomTokenCache,
} from './wecom-api.ts';

/**
 * The WeCom (企业微信) client the login and binding flows use: who came back
 * from the OAuth link (a member's userid, or a WeChat user who is not in the
 * corp), the member's directory entry, and the fields they agreed to share
 * (mobile, email). Tokens are fetched and shared through a WecomTokenCache;
 * a call refused with 40014 (invalid) or 42001 (expired access_token) drops
 * that token and is made once more with a fresh one.
 *
 * The OAuth code, the user_ticket, the access token and the secret are
 * credentials: callers must not log them either.
 */

/** Who the code belongs to. A member's userTicket comes with snsapi_privateinfo, inside the app's visible range. */
export type WecomVisitor = { kind: 'member'; userId: string; userTicket: string | null } | { kind: 'non-member'; openId: string; externalUserId: string | null };

/** The sensitive fields a member agreed to share (snsapi_privateinfo); null when not shared. */
export interface WecomMemberDetail {
  userId: string;
  mobile: string | null;
  email: string | null;
  bizMail: string | null;
}

export type WecomMemberStatus = 'active' | 'disabled' | 'not-activated' | 'left' | 'unknown';

/** user/get: 60111 is `not-found`; 60011 (no privilege) is a member outside the app's visible range. */
export type WecomDirectoryEntry =
  | { found: true; userId: string; name: string; departments: number[]; position: string | null; status: WecomMemberStatus }
  | { found: false; reason: 'not-found' | 'outside-visible-range' };

/** What `identify` makes of a code: the hall binds or logs in members only. */
export type WecomIdentity =
  | { kind: 'member'; userId: string; name: string; departments: number[]; status: WecomMemberStatus; mobile: string | null; email: string | null }
  | { kind: 'outside-visible-range'; userId: string }
  | { kind: 'non-member'; openId: string; externalUserId: string | null };

export interface WecomClient {
  /** The OAuth2 link to send the browser to (see wecomAuthorizeUrl). */
  authorizeUrl(options: { redirectUri: string; scope: WecomScope; state: string }): string;
  /** auth/getuserinfo. Throws WecomCodeInvalid (40029) for a used, expired or unknown code. */
  getVisitor(code: string): Promise<WecomVisitor>;
  /** auth/getuserdetail. Throws WecomError `ticket-invalid` for an expired or unknown ticket. */
  getMemberDetail(userTicket: string): Promise<WecomMemberDetail>;
  /** user/get. */
  getDirectoryEntry(userId: string): Promise<WecomDirectoryEntry>;
  /** getVisitor, then for a member getDirectoryEntry and, with a ticket, getMemberDetail. */
  identify(code: string): Promise<WecomIdentity>;
}

const STATUS: Record<number, WecomMemberStatus> = { 1: 'active', 2: 'disabled', 4: 'not-activated', 5: 'left' };
const orNull = (value: string | undefined): string | null => (value ? value : null);
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * A client for one app. Cheap to make per request: the tokens live in
 * `options.tokens` (the process-wide cache by default), keyed by API base,
 * corp id and a hash of the secret, so a changed secret never reuses a token.
 * `options.now` is the clock deciding when a token is renewed.
 */
export function createWecomClient(settings: WecomSettings, secret: string, options: { tokens?: WecomTokenCache; now?: () => number } = {}): WecomClient {
  const tokens = options.tokens ?? sharedWecomTokens;
  const now = options.now ?? Date.now;
  const key = `${settings.apiBaseUrl}\n${settings.corpId}\n${sha256(secret)}`;

  function accessToken(): Promise<string> {
    return tokens.get(key, now(), async () => {
      if (!secret || !settings.corpId) throw new WecomError('credentials', 'gettoken', null, 'NO_CORP_ID_OR_SECRET');
      const fetchedAt = now();
      const answer = await callWecomApi(settings, 'gettoken', { query: { corpid: settings.corpId, corpsecret: secret }, secrets: [secret] }, wecomTokenAnswer);
      return { token: answer.access_token, refreshAt: tokenRefreshAt(fetchedAt, answer.expires_in) };
    });
  }

  /** One API call with the app's token; once more with a fresh token if WeCom says the token is invalid or expired. */
  async function withToken<T>(api: string, request: { query: Record<string, string>; json?: unknown; secrets: string[] }, schema: z.ZodType<T>): Promise<T> {
    const call = (token: string) => callWecomApi(settings, api, { ...request, query: { access_token: token, ...request.query }, secrets: [token, ...request.secrets] }, schema);
    const token = await accessToken();
    try {
      return await call(token);
    } catch (error) {
      if (!(error instanceof WecomError) || error.kind !== 'token-rejected') throw error;
      tokens.drop(key, token);
      return call(await accessToken());
    }
  }

  async function getVisitor(code: string): Promise<WecomVisitor> {
    // "code长度最大为512字节": anything else never came from WeCom.
    if (!code || Buffer.byteLength(code) > 512) throw new WecomCodeInvalid('auth/getuserinfo', 'CODE_MALFORMED');
    const answer = await withToken('auth/getuserinfo', { query: { code }, secrets: [code] }, wecomUserInfoAnswer);
    if (answer.userid) return { kind: 'member', userId: answer.userid, userTicket: orNull(answer.user_ticket) };
    if (answer.openid) return { kind: 'non-member', openId: answer.openid, externalUserId: orNull(answer.external_userid) };
    throw new WecomError('unreachable', 'auth/getuserinfo', null, 'NEITHER_USERID_NOR_OPENID');
  }

  async function getMemberDetail(userTicket: string): Promise<WecomMemberDetail> {
    const answer = await withToken('auth/getuserdetail', { query: {}, json: { user_ticket: userTicket }, secrets: [userTicket] }, wecomUserDetailAnswer);
    return { userId: answer.userid, mobile: orNull(answer.mobile), email: orNull(answer.email), bizMail: orNull(answer.biz_mail) };
  }

  async function getDirectoryEntry(userId: string): Promise<WecomDirectoryEntry> {
    if (!userId || Buffer.byteLength(userId) > 64) return { found: false, reason: 'not-found' };
    try {
      const answer = await withToken('user/get', { query: { userid: userId }, secrets: [] }, wecomUserAnswer);
      const status = answer.status === undefined ? 'active' : (STATUS[answer.status] ?? 'unknown');
      return { found: true, userId: answer.userid, name: answer.name, departments: answer.department, position: orNull(answer.position), status };
    } catch (error) {
      if (error instanceof WecomError && error.errcode === 60111) return { found: false, reason: 'not-found' };
      if (error instanceof WecomError && error.errcode === 60011) return { found: false, reason: 'outside-visible-range' };
      throw error;
    }
  }

  return {
    authorizeUrl: (authorize) => wecomAuthorizeUrl(settings, authorize),
    getVisitor,
    getMemberDetail,
    getDirectoryEntry,

    async identify(code) {
      const visitor = await getVisitor(code);
      if (visitor.kind === 'non-member') return visitor;
      // auth/getuserinfo names members "无论是否在应用可见范围之内"; user/get is what tells.
      const entry = await getDirectoryEntry(visitor.userId);
      if (!entry.found && entry.reason === 'outside-visible-range') return { kind: 'outside-visible-range', userId: visitor.userId };
      if (!entry.found) throw new WecomError('refused', 'user/get', 60111, 'the member the code names is not in the directory');
      const detail = visitor.userTicket ? await getMemberDetail(visitor.userTicket) : null;
      return { kind: 'member', userId: entry.userId, name: entry.name, departments: entry.departments, status: entry.status, mobile: detail?.mobile ?? null, email: detail?.email ?? null };
    },
  };
}
