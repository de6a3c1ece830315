import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db.ts';
import { testDbKind } from './helpers.ts';

const dbModule = fileURLToPath(new URL('../src/platform/db.ts', import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Another process (a `hall` command) opening the embedded database in `dataDir`: what it printed and its exit code. */
function openFromAnotherProcess(dataDir: string): { output: string; status: number | null } {
  const script = `
    import { openDatabase } from ${JSON.stringify(dbModule)};
    try {
      await openDatabase({ dataDir: ${JSON.stringify(dataDir)} });
      console.log('opened');
      process.exit(0);
    } catch (error) {
      console.log(error.name + ': ' + error.message);
      process.exit(3);
    }`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  return { output: `${child.stdout}${child.stderr}`, status: child.status };
}

// Not about either database kind: it runs once, in the PGlite tier.
describe.runIf(testDbKind() === 'pglite')('the embedded database is opened by one process at a time', () => {
  it('refuses a second process while the first has it open; the lock goes on close, and one left by a process that is gone is taken over', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onehall-lock-'));
    dirs.push(dataDir);
    const database = await openDatabase({ dataDir });
    expect(fs.readFileSync(path.join(dataDir, 'hall.lock'), 'utf8')).toBe(String(process.pid));

    const refused = openFromAnotherProcess(dataDir);
    expect(refused.status, refused.output).toBe(3);
    expect(refused.output).toContain(`DatabaseInUseError: 内置数据库（${dataDir}）正被进程 ${process.pid} 使用：请先停止大厅再运行此命令`);
    // The refusal did not take the lock away.
    expect(fs.readFileSync(path.join(dataDir, 'hall.lock'), 'utf8')).toBe(String(process.pid));

    // Closed: the lock goes with it.
    await database.close();
    expect(fs.existsSync(path.join(dataDir, 'hall.lock'))).toBe(false);

    // A lock left by a process that is gone (a crash): taken over.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    fs.writeFileSync(path.join(dataDir, 'hall.lock'), gone);
    const reopened = await openDatabase({ dataDir });
    expect(fs.readFileSync(path.join(dataDir, 'hall.lock'), 'utf8')).toBe(String(process.pid));
    await reopened.close();
  }, 120_000);
});
