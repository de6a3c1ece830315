import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  WecomErrorAnswer,
  WecomSettings,
  WecomTokenAnswer,
  WecomUserAnswer,
  WecomUserDetailAnswer,
  WecomUserInfoAnswer,
} from '../../src/modules/identity/providers/wecom-api.ts';
import { freePort } from './ports.ts';

/**
 * A local WeCom (企业微信) for one corp and one self-built app, behaving as
 * the documentation says (developer.work.weixin.qq.com/document/path/…):
 *
 * - GET /cgi-bin/gettoken (91039): corpid (40013) and corpsecret (40001)
 *   checked; while a token lives the same token comes back (with its
 *   remaining expires_in); 7200 s lifetime; no trusted-IP check here (a
 *   server outside 企业可信IP still gets a token, then 60020 everywhere else).
 * - GET /connect/oauth2/authorize (91022): the page the WeCom client opens.
 *   It checks appid, response_type, scope, state (a-zA-Z0-9, ≤128) and agentid
 *   (required for snsapi_privateinfo), then redirects to redirect_uri with a
 *   code and the same state for whoever "is logged in to WeCom": `asUser`,
 *   `asWechatUser`, or per browser the cookie/query `emulator_identity`. With
 *   nobody chosen it shows a page to pick one (for trial runs by hand).
 * - GET /cgi-bin/auth/getuserinfo (96442): codes single-use and valid 300 s
 *   (40029); the callback's host must equal the app's 可信域名, port included
 *   (50001, raised here at the exchange as the doc's 权限说明 says); members
 *   get userid "whatever the visible range", plus a user_ticket (1800 s) with
 *   snsapi_privateinfo inside the visible range; others get openid.
 * - POST /cgi-bin/auth/getuserdetail (96443): the sensitive fields only if the
 *   member agreed; gender "0" and no mobile otherwise; 84014/84015 tickets.
 * - GET /cgi-bin/user/get (96255/90196): 60111 unknown, 60011 outside the
 *   visible range; no mobile/email unless `legacyContactFields` (apps created
 *   before 2022-06-20).
 * - Tokens: 41001 missing, 40014 unknown or revoked, 42001 expired. Trusted
 *   IPs (`trustedIps`): 60020. Errors answer HTTP 200 with errcode/errmsg in
 *   WeCom's "…, hint: […], from ip: …, more info at …" form (90313).
 *
 * Its clock is the real one plus what `advance` added.
 */

export interface WecomEmulatorMember {
  userid: string;
  name: string;
  department: number[];
  mobile?: string;
  email?: string;
  bizMail?: string;
  position?: string;
  /** 1 active (default), 2 disabled, 4 not activated, 5 left. */
  status?: 1 | 2 | 4 | 5;
  /** Inside the app's visible range (default true). */
  visible?: boolean;
}

/** Someone logged in to WeChat who is not a member of the corp. */
export interface WecomEmulatorWechatUser {
  openid: string;
  externalUserId?: string;
}

export interface WecomEmulatorOptions {
  corpId: string;
  agentId: number;
  secret: string;
  /** The app's 可信域名: host[:port], compared exactly with the callback's host. */
  trustedDomain: string;
  members: WecomEmulatorMember[];
  wechatUsers?: WecomEmulatorWechatUser[];
  /** The app's 企业可信IP; unset means every address may call. */
  trustedIps?: string[];
  /** The app predates 2022-06-20: user/get still answers mobile and email. */
  legacyContactFields?: boolean;
  /** A fixed port (trial runs); tests take a free one. */
  port?: number;
}

export type WecomEmulatorApi = 'gettoken' | 'auth/getuserinfo' | 'auth/getuserdetail' | 'user/get';
export type WecomEmulatorFault = { errcode: number } | { httpStatus: number } | { delayMs: number };

export interface WecomEmulator {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The settings a client of this emulator uses. */
  settings(timeoutMs?: number): WecomSettings;
  /** Who is logged in to WeCom for the next authorizations (a member; `consent` answers the snsapi_privateinfo prompt). */
  asUser(userid: string, options?: { consent?: boolean }): void;
  /** A WeChat user who is not a member is logged in. */
  asWechatUser(openid: string): void;
  /** Nobody chosen: authorize shows the picker page. */
  asNobody(): void;
  setVisible(userid: string, visible: boolean): void;
  setTrustedIps(ips: string[] | undefined): void;
  /** The emulator's clock, ms since the epoch. */
  now(): number;
  advance(seconds: number): void;
  /** Every token issued so far expires now: the next use answers 42001. */
  expireTokens(): void;
  /** Every token is withdrawn ("提前使access_token失效"): the next use answers 40014. */
  revokeTokens(): void;
  /** The next request to `api` meets this fault instead (or, for delayMs, first). */
  failNext(api: WecomEmulatorApi, fault: WecomEmulatorFault): void;
  /** Requests received, by API (authorize included). */
  counts: Record<WecomEmulatorApi | 'authorize', number>;
  /** Every API answer's errcode, in order. */
  answers: { api: WecomEmulatorApi; errcode: number }[];
  close(): Promise<void>;
}

const APIS: readonly WecomEmulatorApi[] = ['gettoken', 'auth/getuserinfo', 'auth/getuserdetail', 'user/get'];
const CODE_SECONDS = 300;
const TICKET_SECONDS = 1800;
const TOKEN_SECONDS = 7200;
const DEFAULT_AVATAR = 'https://wework.qpic.cn/wwhead/default/0';
const MESSAGES: Record<number, string> = {
  40001: 'invalid credential',
  40013: 'invalid corpid',
  40014: 'invalid access_token',
  40029: 'invalid code',
  40056: 'invalid agentid',
  40063: 'some parameters are empty',
  41001: 'missing access_token',
  41002: 'missing corpid',
  41004: 'missing corpsecret',
  41008: 'missing code',
  41009: 'missing userid',
  42001: 'access_token expired',
  50001: 'redirect_url not authorised',
  60011: 'no privilege to access/modify contact/party/agent',
  60020: 'not allow to access from your ip',
  60111: 'userid not found',
  84014: 'user ticket expired',
  84015: 'invalid user ticket',
  84025: 'invalid state',
  84090: 'missing user ticket',
};

type Identity = { member: string; consent: boolean } | { openid: string };
type Answer = WecomErrorAnswer | WecomTokenAnswer | WecomUserInfoAnswer | WecomUserDetailAnswer | WecomUserAnswer;

const newSecretValue = (bytes: number) => randomBytes(bytes).toString('base64url');
const clientIp = (req: http.IncomingMessage) => (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');

export async function startWecomEmulator(options: WecomEmulatorOptions): Promise<WecomEmulator> {
  const members = new Map(options.members.map((m) => [m.userid, { ...m }]));
  const wechatUsers = new Map((options.wechatUsers ?? []).map((u) => [u.openid, u]));
  let trustedIps = options.trustedIps;
  let offsetMs = 0;
  const now = () => Date.now() + offsetMs;
  let loggedIn: Identity | null = null;

  const tokens = new Map<string, { expiresAt: number }>();
  let currentToken: string | null = null;
  const codes = new Map<string, { identity: Identity; scope: string; redirectHost: string; issuedAt: number; used: boolean }>();
  const tickets = new Map<string, { userid: string; consent: boolean; issuedAt: number }>();
  const faults = new Map<WecomEmulatorApi, WecomEmulatorFault[]>();
  const counts: WecomEmulator['counts'] = { gettoken: 0, 'auth/getuserinfo': 0, 'auth/getuserdetail': 0, 'user/get': 0, authorize: 0 };
  const answers: WecomEmulator['answers'] = [];

  const error = (errcode: number, ip: string): WecomErrorAnswer => ({
    errcode,
    errmsg: `${MESSAGES[errcode] ?? 'error'}, hint: [${Math.floor(now() / 1000)}${randomBytes(6).toString('hex')}], from ip: ${ip}, more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`,
  });

  /** The access_token check every API but gettoken makes, then the trusted-IP check. */
  function checkCaller(query: URLSearchParams, ip: string): WecomErrorAnswer | null {
    const token = query.get('access_token');
    if (!token) return error(41001, ip);
    const known = tokens.get(token);
    if (!known) return error(40014, ip);
    if (now() >= known.expiresAt) return error(42001, ip);
    if (trustedIps && !trustedIps.includes(ip)) return error(60020, ip);
    return null;
  }

  function gettoken(query: URLSearchParams, ip: string): Answer {
    const corpid = query.get('corpid');
    const secret = query.get('corpsecret');
    if (!corpid) return error(41002, ip);
    if (!secret) return error(41004, ip);
    if (corpid !== options.corpId) return error(40013, ip);
    if (secret !== options.secret) return error(40001, ip);
    const live = currentToken ? tokens.get(currentToken) : undefined;
    if (currentToken && live && now() < live.expiresAt) {
      return { errcode: 0, errmsg: 'ok', access_token: currentToken, expires_in: Math.ceil((live.expiresAt - now()) / 1000) } satisfies WecomTokenAnswer;
    }
    currentToken = newSecretValue(48);
    tokens.set(currentToken, { expiresAt: now() + TOKEN_SECONDS * 1000 });
    return { errcode: 0, errmsg: 'ok', access_token: currentToken, expires_in: TOKEN_SECONDS } satisfies WecomTokenAnswer;
  }

  function getuserinfo(query: URLSearchParams, ip: string): Answer {
    const refused = checkCaller(query, ip);
    if (refused) return refused;
    const code = query.get('code');
    if (!code) return error(41008, ip);
    const issued = codes.get(code);
    if (!issued || issued.used || now() - issued.issuedAt > CODE_SECONDS * 1000) return error(40029, ip);
    issued.used = true;
    if (issued.redirectHost !== options.trustedDomain) return error(50001, ip);
    if ('openid' in issued.identity) {
      const user = wechatUsers.get(issued.identity.openid)!;
      return { errcode: 0, errmsg: 'ok', openid: user.openid, ...(user.externalUserId ? { external_userid: user.externalUserId } : {}) } satisfies WecomUserInfoAnswer;
    }
    const member = members.get(issued.identity.member);
    if (!member) return error(40029, ip);
    if (issued.scope !== 'snsapi_privateinfo' || member.visible === false) return { errcode: 0, errmsg: 'ok', userid: member.userid } satisfies WecomUserInfoAnswer;
    const ticket = newSecretValue(48);
    tickets.set(ticket, { userid: member.userid, consent: issued.identity.consent, issuedAt: now() });
    return { errcode: 0, errmsg: 'ok', userid: member.userid, user_ticket: ticket } satisfies WecomUserInfoAnswer;
  }

  function getuserdetail(query: URLSearchParams, body: string, ip: string): Answer {
    const refused = checkCaller(query, ip);
    if (refused) return refused;
    let ticket: unknown;
    try {
      ticket = (JSON.parse(body) as { user_ticket?: unknown }).user_ticket;
    } catch {
      return error(40063, ip);
    }
    if (typeof ticket !== 'string' || !ticket) return error(84090, ip);
    const issued = tickets.get(ticket);
    if (!issued) return error(84015, ip);
    if (now() - issued.issuedAt > TICKET_SECONDS * 1000) return error(84014, ip);
    const member = members.get(issued.userid);
    if (!member) return error(60111, ip);
    if (member.visible === false) return error(60011, ip);
    if (!issued.consent) return { errcode: 0, errmsg: 'ok', userid: member.userid, gender: '0', avatar: DEFAULT_AVATAR } satisfies WecomUserDetailAnswer;
    return {
      errcode: 0,
      errmsg: 'ok',
      userid: member.userid,
      gender: '0',
      avatar: DEFAULT_AVATAR,
      ...(member.mobile ? { mobile: member.mobile } : {}),
      ...(member.email ? { email: member.email } : {}),
      ...(member.bizMail ? { biz_mail: member.bizMail } : {}),
    } satisfies WecomUserDetailAnswer;
  }

  function userGet(query: URLSearchParams, ip: string): Answer {
    const refused = checkCaller(query, ip);
    if (refused) return refused;
    const userid = query.get('userid');
    if (!userid) return error(41009, ip);
    // UserIDs are case-insensitive ("不区分大小写").
    const member = [...members.values()].find((m) => m.userid.toLowerCase() === userid.toLowerCase());
    if (!member) return error(60111, ip);
    if (member.visible === false) return error(60011, ip);
    return {
      errcode: 0,
      errmsg: 'ok',
      userid: member.userid,
      name: member.name,
      department: member.department,
      ...(member.department[0] !== undefined ? { main_department: member.department[0] } : {}),
      ...(member.position ? { position: member.position } : {}),
      status: member.status ?? 1,
      ...(options.legacyContactFields && member.mobile ? { mobile: member.mobile } : {}),
      ...(options.legacyContactFields && member.email ? { email: member.email } : {}),
    } satisfies WecomUserAnswer;
  }

  function authorize(req: http.IncomingMessage, url: URL, res: http.ServerResponse): void {
    const q = url.searchParams;
    const refuse = (errcode: number) => page(res, 400, `<h1>无法打开此页面</h1><p>errcode ${errcode}: ${MESSAGES[errcode] ?? 'error'}</p>`);
    if (q.get('appid') !== options.corpId) return refuse(40013);
    const scope = q.get('scope') ?? '';
    if (q.get('response_type') !== 'code' || !['snsapi_base', 'snsapi_privateinfo'].includes(scope)) return refuse(40063);
    const state = q.get('state') ?? '';
    if (!/^[A-Za-z0-9]{0,128}$/.test(state)) return refuse(84025);
    const agentid = q.get('agentid');
    if (scope === 'snsapi_privateinfo' && !agentid) return refuse(40063);
    if (agentid !== null && agentid !== String(options.agentId)) return refuse(40056);
    let redirect: URL;
    try {
      redirect = new URL(q.get('redirect_uri') ?? '');
      if (redirect.protocol !== 'http:' && redirect.protocol !== 'https:') throw new Error('scheme');
    } catch {
      return refuse(40063);
    }
    const identity = chosenIdentity(req, q);
    if (!identity) return picker(res, url, scope);
    const code = newSecretValue(32);
    codes.set(code, { identity, scope, redirectHost: redirect.host, issuedAt: now(), used: false });
    redirect.searchParams.set('code', code);
    redirect.searchParams.set('state', state);
    res.writeHead(302, { location: redirect.toString(), 'cache-control': 'no-store' }).end();
  }

  /** The query (picker links), else the browser's cookie, else whoever the test logged in. */
  function chosenIdentity(req: http.IncomingMessage, q: URLSearchParams): Identity | null {
    const cookie = /(?:^|;\s*)emulator_identity=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const chosen = q.get('emulator_identity') ?? (cookie ? decodeURIComponent(cookie) : null);
    if (chosen === null) return loggedIn;
    if (members.has(chosen)) return { member: chosen, consent: q.get('emulator_consent') !== '0' };
    if (wechatUsers.has(chosen)) return { openid: chosen };
    return loggedIn;
  }

  function picker(res: http.ServerResponse, url: URL, scope: string): void {
    const link = (identity: string, consent?: boolean) => {
      const next = new URL(url);
      next.searchParams.set('emulator_identity', identity);
      if (consent !== undefined) next.searchParams.set('emulator_consent', consent ? '1' : '0');
      return escapeHtml(next.pathname + next.search);
    };
    const rows = [...members.values()].map((m) => {
      const range = m.visible === false ? '（不在应用可见范围）' : '';
      const choices = scope === 'snsapi_privateinfo' ? `<a href="${link(m.userid, true)}">同意授权</a> · <a href="${link(m.userid, false)}">拒绝敏感信息</a>` : `<a href="${link(m.userid)}">登录</a>`;
      return `<li>${escapeHtml(m.name)} (${escapeHtml(m.userid)})${range}: ${choices}</li>`;
    });
    const outsiders = [...wechatUsers.values()].map((u) => `<li>微信用户 ${escapeHtml(u.openid)}（非企业成员）: <a href="${link(u.openid)}">登录</a></li>`);
    page(res, 200, `<h1>企业微信模拟器</h1><p>选择登录企业微信的人（${escapeHtml(scope)}）</p><ul>${[...rows, ...outsiders].join('')}</ul>`);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (url.pathname === '/connect/oauth2/authorize' && req.method === 'GET') {
      counts.authorize += 1;
      return authorize(req, url, res);
    }
    const api = url.pathname.replace(/^\/cgi-bin\//, '') as WecomEmulatorApi;
    if (!url.pathname.startsWith('/cgi-bin/') || !APIS.includes(api)) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    counts[api] += 1;
    const ip = clientIp(req);
    const fault = faults.get(api)?.shift();
    if (fault && 'delayMs' in fault) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault && 'httpStatus' in fault) return void res.writeHead(fault.httpStatus, { 'content-type': 'text/html' }).end('<html><body>Bad Gateway</body></html>');
    let answer: Answer;
    if (fault && 'errcode' in fault) answer = error(fault.errcode, ip);
    else if ((api === 'auth/getuserdetail') !== (req.method === 'POST')) answer = error(40063, ip); // the wrong HTTP method (90313, 40063)
    else if (api === 'gettoken') answer = gettoken(url.searchParams, ip);
    else if (api === 'auth/getuserinfo') answer = getuserinfo(url.searchParams, ip);
    else if (api === 'auth/getuserdetail') answer = getuserdetail(url.searchParams, body, ip);
    else answer = userGet(url.searchParams, ip);
    answers.push({ api, errcode: answer.errcode ?? 0 });
    const json = JSON.stringify(answer);
    res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(json) }).end(json);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
  });
  const port = options.port ?? (await freePort());
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    settings: (timeoutMs = 5_000) => ({ corpId: options.corpId, agentId: options.agentId, apiBaseUrl: url, authorizeUrl: `${url}/connect/oauth2/authorize`, timeoutMs }),
    asUser(userid, { consent = true } = {}) {
      if (!members.has(userid)) throw new Error(`no member ${userid}`);
      loggedIn = { member: userid, consent };
    },
    asWechatUser(openid) {
      if (!wechatUsers.has(openid)) throw new Error(`no WeChat user ${openid}`);
      loggedIn = { openid };
    },
    asNobody: () => void (loggedIn = null),
    setVisible(userid, visible) {
      const member = members.get(userid);
      if (!member) throw new Error(`no member ${userid}`);
      member.visible = visible;
    },
    setTrustedIps: (ips) => void (trustedIps = ips),
    now,
    advance: (seconds) => void (offsetMs += seconds * 1000),
    expireTokens() {
      for (const token of tokens.values()) token.expiresAt = Math.min(token.expiresAt, now());
    },
    revokeTokens() {
      tokens.clear();
      currentToken = null;
    },
    failNext(api, fault) {
      faults.set(api, [...(faults.get(api) ?? []), fault]);
    },
    counts,
    answers,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((closeError) => (closeError ? reject(closeError) : resolve()));
        server.closeAllConnections(); // clients keep connections alive
      }),
  };
}

function page(res: http.ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=UTF-8', 'cache-control': 'no-store' }).end(`<!doctype html><meta charset="utf-8"><title>企业微信</title>${html}`);
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
