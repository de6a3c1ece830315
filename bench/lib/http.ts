/**
 * A logged-in hall client over HTTP: one keep-alive connection (an undici
 * Client) per session, like one phone. It sends the session cookie and the
 * CSRF token the way the H5 front end does.
 */
import { Client } from 'undici';

export interface Reply<T = unknown> {
  status: number;
  body: T;
}

export class HallClient {
  readonly baseUrl: string;
  readonly connection: Client;
  private cookie = '';
  private csrf = '';
  personId = '';

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
    this.connection = new Client(baseUrl, { pipelining: 1, keepAliveTimeout: 60_000 });
  }

  async login(accountNo: string, password: string): Promise<void> {
    const reply = await this.connection.request({
      path: '/api/auth/login',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountNo, password }),
    });
    const body = (await reply.body.json()) as { csrfToken?: string; personId?: string };
    if (reply.statusCode !== 200) throw new Error(`login ${accountNo}: ${reply.statusCode} ${JSON.stringify(body)}`);
    const setCookie = reply.headers['set-cookie'];
    const cookies = Array.isArray(setCookie) ? setCookie : [setCookie ?? ''];
    const session = cookies.find((c) => c.startsWith('hall_sid='));
    if (!session || !body.csrfToken || !body.personId) throw new Error(`login ${accountNo}: no session cookie`);
    this.cookie = session.split(';')[0]!;
    this.csrf = body.csrfToken;
    this.personId = body.personId;
  }

  async post<T = unknown>(path: string, payload: object): Promise<Reply<T>> {
    const reply = await this.connection.request({
      path,
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: this.cookie, 'x-csrf-token': this.csrf },
      body: JSON.stringify(payload),
    });
    return { status: reply.statusCode, body: (await reply.body.json()) as T };
  }

  async get<T = unknown>(path: string): Promise<Reply<T>> {
    const reply = await this.connection.request({ path, method: 'GET', headers: { cookie: this.cookie } });
    return { status: reply.statusCode, body: (await reply.body.json()) as T };
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}

/** Logs in many clients, a few at a time (each login is an argon2 verification on the server). */
export async function logInAll(clients: { client: HallClient; accountNo: string; password: string }[], parallel = 4): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < clients.length) {
        const item = clients[next++]!;
        await item.client.login(item.accountNo, item.password);
      }
    }),
  );
}

/** The parts of the application detail the benchmarks read. */
export interface ApplicationReply {
  id: string;
  status: string;
  tasks: { id: string; nodeId: string; status: string; assignee: { personId: string } }[];
  error?: { code: string; message: string };
}
