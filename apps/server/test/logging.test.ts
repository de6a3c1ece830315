import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, hallLoggerOptions } from '../src/app.ts';
import { buildPerson, createTestHall, type TestHall } from './helpers.ts';

/** The logger every hall process uses (server.ts adds only where lines go). */
describe('what the request log never holds', () => {
  let hall: TestHall;
  const lines: string[] = [];
  let logged: Awaited<ReturnType<typeof buildApp>>['app'];

  beforeAll(async () => {
    hall = await createTestHall();
    logged = (await buildApp({ config: { ...hall.config, LOG_LEVEL: 'info' }, db: hall.db, logger: { ...hallLoggerOptions({ LOG_LEVEL: 'info' }), stream: { write: (line: string) => void lines.push(line) } } })).app;
    await logged.ready();
  });
  afterAll(async () => {
    await logged?.close();
    await hall?.close();
  });

  it('no CAS ticket, OAuth code or state in URLs, no cookie, CSRF token or password', async () => {
    const person = await buildPerson(hall.db);
    await logged.inject({ method: 'GET', url: '/api/auth/cas/callback?next=%2F&ticket=ST-secret-ticket-123' });
    await logged.inject({ method: 'GET', url: '/api/auth/wecom/callback?code=secret-code-456&state=secretstate789' });
    const login = await logged.inject({ method: 'POST', url: '/api/auth/login', payload: { accountNo: person.accountNo, password: person.password } });
    const cookie = login.headers['set-cookie'] as string;
    await logged.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: cookie.split(';')[0]!, 'x-csrf-token': login.json().csrfToken } });
    const text = lines.join('\n');
    expect(text).toContain('ticket=[redacted]');
    for (const secret of ['ST-secret-ticket-123', 'secret-code-456', 'secretstate789', person.password, cookie.split(';')[0]!.split('=')[1]!, login.json().csrfToken]) {
      expect(text).not.toContain(secret);
    }
  });
});
