/**
 * lighthouse: Lighthouse's performance audit of two H5 pages as a phone
 * would load them (Lighthouse's default: mobile form factor, simulated
 * throttling — a slow 4G network and a 4× slower CPU, computed from the
 * trace of an unthrottled load).
 *
 * The hall runs on a fresh PostgreSQL database with the demo university
 * (SEED_DEMO) and serves this run's H5 build. Five students of one class
 * each submit six 请假申请 over HTTP, so their counsellor has 30 items in
 * 待办. Audited, each with its own session (cookie sent by Lighthouse as an
 * extra header, so its storage reset does not log it out):
 *
 * - `/` (首页) as one of those students;
 * - `/received/todo` (待办) as the counsellor.
 *
 * Lighthouse scores vary from run to run; each page is audited
 * --lighthouse-runs times (3) after one untimed run that warms the server
 * and the browser, and each figure is the median of its runs. A score, not
 * a time against a baseline: there is none.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { BenchOptions } from '../lib/options.ts';
import { createDatabase, ignoreIdleErrors } from '../lib/database.ts';
import { startServers } from '../lib/server.ts';
import { launchChromium } from '../lib/chromium.ts';
import { HallClient, logInAll } from '../lib/http.ts';
import { benchPassword } from '../lib/fixtures.ts';
import type { H5Build } from '../lib/h5-build.ts';
import { fmt, type Row, type Section } from '../lib/report.ts';
import { demoPeople } from '../../apps/server/src/seed/demo-data.ts';
import { hashPassword } from '../../apps/server/src/modules/identity/password.ts';

export const lighthouseTargets = { score: 95, cls: 0.05 };

/** The parts of Lighthouse's result (LH.Result) read here. */
interface LighthouseResult {
  lighthouseVersion: string;
  finalDisplayedUrl: string;
  runtimeError?: { code: string; message: string };
  runWarnings: string[];
  environment: { benchmarkIndex: number };
  categories: { performance: { score: number | null } };
  audits: Record<string, { title: string; score: number | null; scoreDisplayMode: string; numericValue?: number; displayValue?: string; details?: { items?: Record<string, unknown>[] } }>;
}

type RunLighthouse = (url: string, flags: Record<string, unknown>) => Promise<{ lhr: LighthouseResult } | undefined>;

interface PageAudit {
  label: string;
  path: string;
  cookie: string;
  runs: LighthouseResult[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Logs in over HTTP and returns the session cookie (`hall_sid=…`), for Lighthouse's extra headers. */
async function sessionCookie(baseUrl: string, accountNo: string): Promise<string> {
  const reply = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accountNo, password: benchPassword }) });
  if (reply.status !== 200) throw new Error(`lighthouse: login ${accountNo}: ${reply.status} ${await reply.text()}`);
  const session = reply.headers.getSetCookie().find((cookie) => cookie.startsWith('hall_sid='));
  if (!session) throw new Error(`lighthouse: login ${accountNo}: no session cookie`);
  return session.split(';')[0]!;
}

/** A date in Shanghai, `days` from today, as the forms take it (YYYY-MM-DD). */
const shanghaiDay = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** The demo counsellor, five students of their classes, and 30 请假申请 in the counsellor's 待办. */
async function prepareDemo(pool: pg.Pool, baseUrl: string): Promise<{ student: string; counsellor: string; todos: number }> {
  const counsellor = demoPeople.find((person) => (person.counsels?.length ?? 0) > 0);
  if (!counsellor) throw new Error('lighthouse: the demo data has no counsellor');
  const students = demoPeople.filter((person) => person.kind === 'student' && person.className && counsellor.counsels!.includes(person.className)).slice(0, 5);
  if (students.length === 0) throw new Error(`lighthouse: no demo student in the classes of ${counsellor.accountNo}`);
  // Demo accounts start with the initial password and must change it first; give them the bench password, as if changed.
  const { rowCount } = await pool.query(
    'update account set password_hash = $1, must_change_password = false, password_changed_at = now() where account_no = any($2::text[])',
    [await hashPassword(benchPassword), [counsellor.accountNo, ...students.map((s) => s.accountNo)]],
  );
  if (rowCount !== students.length + 1) throw new Error('lighthouse: the demo accounts are not all there');
  const clients = students.map((student) => ({ client: new HallClient(baseUrl), accountNo: student.accountNo, password: benchPassword }));
  await logInAll(clients);
  const perStudent = 6;
  for (const { client } of clients) {
    for (let i = 0; i < perStudent; i++) {
      const data = { leaveType: i % 2 ? 'personal' : 'sick', startDate: shanghaiDay(1 + i), endDate: shanghaiDay(2 + i), days: 2, destination: '校医院', reason: '感冒发烧，需要就医并在宿舍休息两天', contactPhone: '13912345678' };
      const reply = await client.post('/api/applications', { serviceCode: 'leave', data, idempotencyKey: randomUUID() });
      if (reply.status !== 201) throw new Error(`lighthouse: submitting a 请假申请: ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
    }
  }
  await Promise.all(clients.map(({ client }) => client.close()));
  return { student: students[0]!.accountNo, counsellor: counsellor.accountNo, todos: students.length * perStudent };
}

/** The performance audits that lost points in a run, worst first: where the score goes. */
function lostPoints(result: LighthouseResult): string {
  const failing = Object.entries(result.audits)
    .filter(([, audit]) => audit.score !== null && audit.score < 0.9 && (audit.scoreDisplayMode === 'numeric' || audit.scoreDisplayMode === 'binary' || audit.scoreDisplayMode === 'metricSavings'))
    .sort((a, b) => a[1].score! - b[1].score!)
    .slice(0, 6)
    .map(([id, audit]) => `${id}${audit.displayValue ? ` (${audit.displayValue})` : ''}`);
  return failing.length > 0 ? failing.join(', ') : 'none';
}

/** What the page downloaded: JavaScript and everything, as sent (transfer) and as used (resource); equal sizes mean no compression. */
function transferred(result: LighthouseResult): string {
  const items = (result.audits['network-requests']?.details?.items ?? []) as { resourceType?: string; transferSize?: number; resourceSize?: number }[];
  const sum = (list: typeof items, key: 'transferSize' | 'resourceSize') => list.reduce((total, item) => total + (item[key] ?? 0), 0);
  const scripts = items.filter((item) => item.resourceType === 'Script');
  const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
  return `${items.length} requests, ${kB(sum(items, 'transferSize'))} sent for ${kB(sum(items, 'resourceSize'))}; JavaScript ${scripts.length} files, ${kB(sum(scripts, 'transferSize'))} sent for ${kB(sum(scripts, 'resourceSize'))}`;
}

/** The elements that moved most (Lighthouse's layout-shifts audit), for a CLS over target. */
function shifts(result: LighthouseResult): string {
  const items = (result.audits['layout-shifts']?.details?.items ?? []) as { score?: number; node?: { selector?: string; snippet?: string } }[];
  return items
    .slice(0, 3)
    .map((item) => `${item.node?.selector ?? item.node?.snippet ?? '?'} ${item.score?.toFixed(3) ?? ''}`)
    .join('; ') || 'none listed';
}

export async function runLighthouse(options: BenchOptions, build: H5Build, log: (line: string) => void): Promise<Section> {
  const { default: lighthouse } = (await import('lighthouse')) as unknown as { default: RunLighthouse };
  const database = await createDatabase(options.adminUrl, 'lighthouse');
  log(`lighthouse: database ${database.name} with the demo university; the hall serves ${build.dir}`);
  const servers = await startServers({
    databaseUrl: database.url,
    processes: 1,
    poolSize: options.serverPoolSize,
    nodeArgs: options.serverNodeArgs,
    logLevel: options.serverLogLevel,
    env: { SEED_DEMO: 'true', STATIC_DIR: build.staticDir },
  });
  const pool = ignoreIdleErrors(new pg.Pool({ connectionString: database.url, max: 2 }));
  const baseUrl = servers.urls[0]!;
  let chromium: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    const demo = await prepareDemo(pool, baseUrl);
    const pages: PageAudit[] = [
      { label: '首页 /', path: '/', cookie: await sessionCookie(baseUrl, demo.student), runs: [] },
      { label: '待办 /received/todo', path: '/received/todo', cookie: await sessionCookie(baseUrl, demo.counsellor), runs: [] },
    ];
    chromium = await launchChromium(options.chromium);
    log(`lighthouse: ${chromium.version} on port ${chromium.port}; ${options.lighthouseRuns} run(s) per page after one warm-up run`);
    const audit = async (page: PageAudit): Promise<LighthouseResult> => {
      const result = await lighthouse(`${baseUrl}${page.path}`, {
        port: chromium!.port,
        hostname: '127.0.0.1',
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance'],
        extraHeaders: { Cookie: page.cookie },
      });
      const lhr = result?.lhr;
      if (!lhr) throw new Error(`lighthouse: no result for ${page.path}`);
      if (lhr.runtimeError) throw new Error(`lighthouse: ${page.path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      // A page that sent us to /login or /password would be audited as the wrong page.
      if (new URL(lhr.finalDisplayedUrl).pathname !== page.path) throw new Error(`lighthouse: ${page.path} ended at ${lhr.finalDisplayedUrl}`);
      if (options.lighthouseReports) {
        fs.mkdirSync(options.lighthouseReports, { recursive: true });
        const name = `${page.path === '/' ? 'home' : page.path.replace(/^\//, '').replace(/\W+/g, '-')}-${page.runs.length + 1}.json`;
        fs.writeFileSync(path.join(options.lighthouseReports, name), JSON.stringify(lhr));
      }
      return lhr;
    };
    await audit(pages[0]!); // warm-up: server JIT, disk cache, Chromium's first start
    for (const page of pages) {
      for (let run = 0; run < options.lighthouseRuns; run++) {
        const lhr = await audit(page);
        page.runs.push(lhr);
        log(`lighthouse: ${page.path} run ${run + 1}: score ${Math.round((lhr.categories.performance.score ?? 0) * 100)}, CLS ${lhr.audits['cumulative-layout-shift']?.numericValue?.toFixed(3)}, LCP ${Math.round(lhr.audits['largest-contentful-paint']?.numericValue ?? NaN)} ms`);
      }
    }

    const rows: Row[] = [];
    const notes: string[] = [
      `a score, not a time: no baseline; Lighthouse ${pages[0]!.runs[0]!.lighthouseVersion}, ${chromium.version} (Debian, headless), mobile form factor, simulated throttling (Lighthouse's defaults); each figure is the median of ${options.lighthouseRuns} run(s), metrics taken separately`,
      `data: the demo university on PostgreSQL; ${demo.todos} 请假申请 submitted over HTTP by 5 students of counsellor ${demo.counsellor}; / audited as student ${demo.student}, 待办 as the counsellor`,
    ];
    for (const page of pages) {
      const metric = (id: string) => median(page.runs.map((r) => r.audits[id]?.numericValue ?? Number.NaN));
      const scores = page.runs.map((r) => Math.round((r.categories.performance.score ?? 0) * 100));
      const score = median(scores);
      const cls = metric('cumulative-layout-shift');
      const base = { benchmark: 'lighthouse', baseline: '— (a score)', ratio: '' };
      rows.push({ ...base, figure: `${page.label} performance score (median of ${page.runs.length})`, value: String(score), target: `≥ ${lighthouseTargets.score}`, pass: score >= lighthouseTargets.score });
      rows.push({ ...base, figure: `${page.label} CLS`, value: cls.toFixed(3), target: `≤ ${lighthouseTargets.cls}`, pass: cls <= lighthouseTargets.cls });
      rows.push({ ...base, figure: `${page.label} LCP`, value: fmt.ms(metric('largest-contentful-paint')), target: '', pass: null });
      rows.push({ ...base, figure: `${page.label} TBT`, value: fmt.ms(metric('total-blocking-time')), target: '', pass: null });
      const worst = page.runs.reduce((a, b) => ((a.categories.performance.score ?? 0) <= (b.categories.performance.score ?? 0) ? a : b));
      notes.push(
        `${page.label}: scores ${scores.join(', ')}; FCP ${fmt.ms(metric('first-contentful-paint'))}, speed index ${fmt.ms(metric('speed-index'))}; CPU benchmark index ${page.runs.map((r) => Math.round(r.environment.benchmarkIndex)).join(', ')}; audits under 0.9 in the lowest-scoring run: ${lostPoints(worst)}`,
      );
      notes.push(`${page.label}: ${transferred(worst)}`);
      if (cls > lighthouseTargets.cls) {
        const shifted = page.runs.reduce((a, b) => ((a.audits['cumulative-layout-shift']?.numericValue ?? 0) >= (b.audits['cumulative-layout-shift']?.numericValue ?? 0) ? a : b));
        notes.push(`${page.label}: largest layout shifts: ${shifts(shifted)}`);
      }
      const warnings = [...new Set(page.runs.flatMap((r) => r.runWarnings))];
      if (warnings.length > 0) notes.push(`${page.label}: Lighthouse warned: ${warnings.join(' | ').slice(0, 400)}`);
    }
    return { benchmark: 'lighthouse', rows, notes };
  } finally {
    await chromium?.close();
    await servers.stop();
    await pool.end();
  }
}
