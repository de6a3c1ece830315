import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../src/modules/identity/id-number.ts';
import { loadConfig } from '../src/platform/config.ts';
import { startServer } from '../src/server.ts';
import { testDbKind } from './helpers.ts';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onehall-fresh-'));
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

/** `hall …` on the embedded database in workDir, as an operator types it: what it printed, and its exit code. */
function hall(...args: string[]): { output: string; status: number | null } {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: path.join(workDir, 'data'), SEED_DEMO: 'false' };
  delete env.DATABASE_URL;
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env, timeout: 120_000 });
  return { output: `${run.stdout}${run.stderr}`, status: run.status };
}

function file(name: string, text: string): string {
  const at = path.join(workDir, name);
  fs.writeFileSync(at, `\uFEFF${text}`, 'utf8');
  return at;
}

const first17 = '61010119800101123';
const idNumber = first17 + idNumberCheckChar(first17);

// The README's steps for a new installation without the demo data, on the embedded database (once, in the PGlite tier).
describe.runIf(testDbKind() === 'pglite')('a new installation without the demo data', () => {
  it('is set up from the command line — organisation, people, the first administrator — and that administrator then opens the console', async () => {
    expect(hall('migrate').status).toBe(0);
    const departments = hall('import-departments', file('部门.csv', '部门编码,部门名称,上级部门编码,联系电话,负责人工号\r\nXX,西部某大学,,,\r\nXXZX,信息中心,XX,029-1,\r\n'), '--commit');
    expect(departments.output).toContain('已导入。');
    const people = hall('import-people', file('人员.csv', `学号/工号,姓名,类别,部门编码,班级编码,手机号,身份证号,邮箱\r\n19990001,首位管理员,职工,XXZX,,,${idNumber},\r\n`), '--commit');
    expect(people.output).toContain('已导入。');
    // Nobody can log in to the console yet: there is no administrator. The operator names the first.
    const refused = hall('grant-role', '19990002', 'admin');
    expect(refused.status).toBe(1);
    expect(refused.output).toContain('ACCOUNT_NOT_FOUND');
    const granted = hall('grant-role', '19990001', 'admin');
    expect(granted.status, granted.output).toBe(0);
    expect(granted.output).toContain('admin 现由 1 人担任：首位管理员（19990001）');

    const server = await startServer(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', DATA_DIR: path.join(workDir, 'data'), SEED_DEMO: 'false', WORKER_ENABLED: 'false' }));
    try {
      // While the hall runs, a command is told to stop it first instead of opening the files twice.
      const busy = hall('import-people', path.join(workDir, '人员.csv'));
      expect(busy.status).not.toBe(0);
      expect(busy.output).toContain('正被进程');

      const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accountNo: '19990001', password: idNumber.slice(-8) }) });
      expect(login.status).toBe(200);
      const me = (await login.json()) as { csrfToken: string; roles: string[]; mustChangePassword: boolean };
      expect(me).toMatchObject({ roles: ['admin'], mustChangePassword: true });
      const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': me.csrfToken };
      const changed = await fetch(`${server.url}/api/auth/password`, { method: 'POST', headers, body: JSON.stringify({ oldPassword: idNumber.slice(-8), newPassword: 'First-Admin-2026' }) });
      expect(changed.status).toBe(200);
      const organization = await fetch(`${server.url}/api/admin/organization`, { headers });
      expect(organization.status).toBe(200);
      expect(((await organization.json()) as { departments: { code: string }[] }).departments.map((d) => d.code)).toEqual(['XX', 'XXZX']);
      const services = await fetch(`${server.url}/api/admin/dashboard`, { headers });
      expect(await services.json()).toMatchObject({ people: 1, services: 0 });
    } finally {
      await server.stop();
    }
  }, 240_000);
});
