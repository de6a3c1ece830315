// npm test: every tier that this machine can run, then one summary line.
//   unit               always
//   integration/PGlite always
//   integration/PG     TEST_DATABASE_URL, or a PostgreSQL answering on 127.0.0.1:5432
//   end-to-end         Chromium at CHROMIUM_PATH or /usr/bin/chromium (front ends built first)
// With CI=true a tier that cannot run is an error, not a skip.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const isCI = process.env.CI === 'true' || process.env.CI === '1';
const projects = ['unit', 'pglite'];
const skipped = [];
const env = { ...process.env };

async function reachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
if (await reachable(databaseUrl)) {
  env.TEST_DATABASE_URL = databaseUrl;
  projects.push('postgres');
} else {
  skipped.push(`PostgreSQL tier: no database at ${databaseUrl.replace(/\/\/[^@]*@/, '//***@')} (set TEST_DATABASE_URL)`);
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (fs.existsSync(chromium)) {
  env.CHROMIUM_PATH = chromium;
  for (const app of ['h5', 'admin']) {
    console.log(`[test] building apps/${app} for the end-to-end tier`);
    const build = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: path.join(root, 'apps', app), stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  projects.push('e2e');
} else {
  skipped.push(`end-to-end tier: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`);
}

if (skipped.length > 0) {
  for (const line of skipped) console.log(`[test] ${isCI ? 'MISSING' : 'skipping'} ${line}`);
  if (isCI) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

const report = path.join(os.tmpdir(), `onehall-vitest-${process.pid}.json`);
const args = [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
console.log(`[test] tiers: ${projects.join(', ')}`);
const run = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });

let passed = 0;
let failed = 0;
let skippedTests = 0;
if (fs.existsSync(report)) {
  const result = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = result.numPassedTests;
  failed = result.numFailedTests + (result.numRuntimeErrorTestSuites ?? 0);
  skippedTests = result.numPendingTests + result.numTodoTests;
  fs.rmSync(report);
}
if (run.status !== 0 && failed === 0) failed = 1; // a crash or an error outside any test still fails the run
console.log(`\ntiers run: ${projects.join(', ')}${skipped.length ? ` (skipped: ${skipped.length})` : ''}`);
console.log(`${passed} passed, ${failed} failed${skippedTests ? `, ${skippedTests} skipped` : ''}`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
