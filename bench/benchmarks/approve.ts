/**
 * approve: 64 approvers approving by task id, racing on the same tasks.
 *
 * 16 groups, each a department with one applicant and two approvers who hold
 * both roles of a two-step process whose steps are any-one (或签): every
 * application waits at step a with one task for each approver. Each
 * approver is logged in twice (a phone and a PC), so a group is 4 clients.
 * A group's clients take applications from one shared queue in which each
 * application appears `approveRace` times in a row: the clients that take
 * the same application approve it at the same moment, either the same task
 * (one person, two devices) or the two tasks of one any-one node (two
 * people). Exactly one may win; the others must get 409 TASK_ALREADY_HANDLED.
 *
 * Afterwards SQL checks that no node was decided twice, that the second
 * step was opened once, and that the timeline holds one approve row per
 * approved task. Baseline: the same approvals as raw SQL (lib/raw-sql.ts).
 *
 * history: the same measurement with 10 thousand and with 10 million
 * timeline rows of finished applications in the database.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { assertNoErrors, describeQueries, measure, type BenchContext, type Measured } from '../lib/context.ts';
import { copyApplication, whyNotCopy } from '../lib/clone.ts';
import { dependentsOfApplication, quote } from '../lib/copy-sql.ts';
import { describeCpu } from '../lib/cpu.ts';
import { ignoreIdleErrors } from '../lib/database.ts';
import { benchFormData, benchPassword, twoStepProcess, type BenchPerson } from '../lib/fixtures.ts';
import { countHistoryRows, growHistory, tableSizes, vacuumAnalyze, type HistoryPeople } from '../lib/history.ts';
import { HallClient, logInAll, type ApplicationReply } from '../lib/http.ts';
import { allLatencies, quantile } from '../lib/load.ts';
import { rawApprove, readTemplate } from '../lib/raw-sql.ts';
import { fmt, type Row, type Section } from '../lib/report.ts';

const approverClients = 64;
const clientsPerGroup = 4;
const groupCount = approverClients / clientsPerGroup;
const serviceCode = 'bench-approve';

interface Group {
  applicant: BenchPerson;
  applicantClient: HallClient;
  approvers: [BenchPerson, BenchPerson];
}

interface PoolEntry {
  applicationId: string;
  /** The pending task of each approver at step a. */
  tasks: Map<string, string>;
  wins: number;
}

interface Queue {
  entries: PoolEntry[];
  next: number;
}

interface Setup {
  groups: Group[];
  approvers: { client: HallClient; group: number; person: BenchPerson }[];
  copyProblem: string | null;
  engineState: string;
}

async function submitOver(client: HallClient): Promise<ApplicationReply> {
  const reply = await client.post<ApplicationReply>('/api/applications', { serviceCode, data: benchFormData, idempotencyKey: randomUUID() });
  if (reply.status !== 201) throw new Error(`submit: ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
  return reply.body;
}

async function setUp(context: BenchContext): Promise<Setup> {
  const { fixtures, servers } = context;
  await fixtures.publishService(serviceCode, twoStepProcess('bench_ap_a', 'bench_ap_b'));
  const groups: Group[] = [];
  const approvers: Setup['approvers'] = [];
  for (let g = 0; g < groupCount; g++) {
    const department = await fixtures.createDepartment(`bench-ap-${g}`);
    const [applicant] = await fixtures.createPeople(`ap${g}-applicant`, 1, department, [], 'student');
    const people = await fixtures.createPeople(`ap${g}-approver`, 2, department, ['bench_ap_a', 'bench_ap_b']);
    groups.push({ applicant: applicant!, applicantClient: new HallClient(servers.urls[g % servers.urls.length]!), approvers: [people[0]!, people[1]!] });
    for (let k = 0; k < clientsPerGroup; k++) {
      const client = approvers.length;
      approvers.push({ client: new HallClient(servers.urls[client % servers.urls.length]!), group: g, person: people[k % 2]! });
    }
  }
  await logInAll([
    ...groups.map((g) => ({ client: g.applicantClient, accountNo: g.applicant.accountNo, password: benchPassword })),
    ...approvers.map((a) => ({ client: a.client, accountNo: a.person.accountNo, password: benchPassword })),
  ]);
  const probe = await submitOver(groups[0]!.applicantClient);
  const pending = probe.tasks.filter((t) => t.status === 'pending' && t.nodeId === 'a');
  if (pending.length !== 2) throw new Error(`approve: expected 2 pending tasks at step a, got ${pending.length}`);
  const copyProblem = await whyNotCopy(context.pool, probe.id);
  if (copyProblem) context.log(`approve: applications are made over HTTP, not copied: ${copyProblem}`);
  const { engineState } = await readTemplate(context.pool, probe.id);
  return { groups, approvers, copyProblem, engineState };
}

/** Makes `perGroup` applications waiting at step a for each group (copied, or over HTTP when copying is unsound). */
async function fillQueues(context: BenchContext, setup: Setup, perGroup: number, race: number, viaCopy: boolean): Promise<Queue[]> {
  const queues = await Promise.all(
    setup.groups.map(async (group) => {
      const template = await submitOver(group.applicantClient);
      let ids = [template.id];
      if (viaCopy) ids.push(...(await copyApplication(context.pool, template.id, perGroup - 1)));
      else for (let i = 1; i < perGroup; i++) ids.push((await submitOver(group.applicantClient)).id);
      ids = ids.slice(0, perGroup);
      const { rows } = await context.pool.query<{ application_id: string; id: string; assignee_person_id: string }>(
        `select application_id, id, assignee_person_id from task where application_id = any($1::uuid[]) and status = 'pending' and node_id = 'a'`,
        [ids],
      );
      const byApplication = new Map(ids.map((id) => [id, { applicationId: id, tasks: new Map<string, string>(), wins: 0 }]));
      for (const row of rows) byApplication.get(row.application_id)!.tasks.set(row.assignee_person_id, row.id);
      // Each application `race` times in a row: the clients that take it act on it together.
      const entries = [...byApplication.values()].flatMap((entry) => Array.from({ length: race }, () => entry));
      return { entries, next: 0 };
    }),
  );
  return queues;
}

interface Verdict {
  doubleDecided: number;
  advancedTwice: number;
  timelineMismatch: number;
  approvedInDatabase: number;
  touched: number;
}

/** The SQL check after a run, over the applications some client acted on. */
async function verify(pool: pg.Pool, queues: Queue[]): Promise<Verdict> {
  const touched = [...new Set(queues.flatMap((q) => q.entries.slice(0, q.next).map((e) => e.applicationId)))];
  const { rows } = await pool.query<{ double_decided: number; advanced_twice: number; timeline_mismatch: number; approved: number }>(
    `with decided as (
       select t.application_id,
              count(*) filter (where t.node_id = 'a' and t.status = 'approved') as approved_a,
              count(*) filter (where t.node_id = 'b') as tasks_b,
              count(*) filter (where t.status = 'approved') as approved
         from task t where t.application_id = any($1::uuid[]) group by t.application_id),
     written as (
       select application_id, count(*) as approvals from timeline
        where application_id = any($1::uuid[]) and action = 'approve' group by application_id)
     select count(*) filter (where d.approved_a > 1)::int as double_decided,
            count(*) filter (where d.tasks_b > 2)::int as advanced_twice,
            count(*) filter (where coalesce(w.approvals, 0) <> d.approved)::int as timeline_mismatch,
            coalesce(sum(d.approved_a), 0)::int as approved
       from decided d left join written w on w.application_id = d.application_id`,
    [touched],
  );
  const row = rows[0]!;
  return { doubleDecided: row.double_decided, advancedTwice: row.advanced_twice, timelineMismatch: row.timeline_mismatch, approvedInDatabase: row.approved, touched: touched.length };
}

/** Removes the applications of a queue nobody acted on, so they do not pile up between runs. */
async function dropUntouched(pool: pg.Pool, queues: Queue[]): Promise<void> {
  const touched = new Set(queues.flatMap((q) => q.entries.slice(0, q.next).map((e) => e.applicationId)));
  const untouched = [...new Set(queues.flatMap((q) => q.entries.slice(q.next).map((e) => e.applicationId)))].filter((id) => !touched.has(id));
  const dependents = await dependentsOfApplication(pool);
  for (let i = 0; i < untouched.length; i += 5000) {
    const ids = untouched.slice(i, i + 5000);
    for (const { table, column } of dependents) await pool.query(`delete from ${quote(table)} where ${quote(column)} = any($1::uuid[])`, [ids]);
    await pool.query('delete from application where id = any($1::uuid[])', [ids]);
  }
}

interface ApproveRun {
  measured: Measured;
  verdict: Verdict;
  clientWins: { total: number; twice: number };
  exhausted: boolean;
}

/**
 * Requests per second a pool is sized for (with 30% to spare). Both history
 * runs use the same size, so their tables differ only by the history. A
 * pool that runs out ends the window early; the notes say so.
 */
const poolSizedFor = { copied: 6000, overHttp: 1500 };

/** One timed approve run over HTTP on a fresh pool of applications. */
async function runHallApprovals(context: BenchContext, setup: Setup): Promise<ApproveRun> {
  const { options } = context;
  const seconds = options.warmupSeconds + options.durationSeconds;
  const viaCopy = setup.copyProblem === null;
  const expectedRequestsPerSecond = viaCopy ? poolSizedFor.copied : poolSizedFor.overHttp;
  const perGroup = Math.ceil(((expectedRequestsPerSecond / options.approveRace) * seconds * 1.3) / groupCount);
  const filling = Date.now();
  const queues = await fillQueues(context, setup, perGroup, options.approveRace, viaCopy);
  context.log(`approve: ${fmt.int(perGroup * groupCount)} applications waiting at step a (${((Date.now() - filling) / 1000).toFixed(0)} s to make)`);
  let exhausted = false;
  let wins = 0;
  const measured = await measure(context, {
    clients: approverClients,
    warmupSeconds: options.warmupSeconds,
    durationSeconds: options.durationSeconds,
    step: async (index) => {
      const approver = setup.approvers[index]!;
      const queue = queues[approver.group]!;
      const entry = queue.entries[queue.next++];
      if (!entry) {
        exhausted = true;
        return 'exhausted';
      }
      const taskId = entry.tasks.get(approver.person.personId);
      if (!taskId) throw new Error('approve: the approver has no task on this application');
      const reply = await approver.client.post<ApplicationReply>(`/api/tasks/${taskId}/approve`, { opinion: '同意', idempotencyKey: randomUUID() });
      if (reply.status === 200) {
        entry.wins++;
        wins++;
        return 'ok';
      }
      if (reply.status === 409 && reply.body.error?.code === 'TASK_ALREADY_HANDLED') return 'conflict';
      throw new Error(`approve: ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
    },
  });
  const verdict = await verify(context.pool, queues);
  const twice = new Set(queues.flatMap((q) => q.entries.filter((e) => e.wins > 1).map((e) => e.applicationId))).size;
  await dropUntouched(context.pool, queues);
  return { measured, verdict, clientWins: { total: wins, twice }, exhausted };
}

/** The raw-SQL baseline on a copied pool (the raw path needs no engine, so copying is always sound here). */
async function runRawApprovals(context: BenchContext, setup: Setup): Promise<Measured> {
  const { options } = context;
  const seconds = options.warmupSeconds + options.durationSeconds;
  const queues = await fillQueues(context, setup, Math.ceil(((8000 / options.approveRace) * seconds * 1.3) / groupCount), options.approveRace, true);
  const raw = ignoreIdleErrors(new pg.Pool({ connectionString: context.database.url, max: approverClients }));
  const measured = assertNoErrors('approve baseline', await measure(
    context,
    {
      clients: approverClients,
      warmupSeconds: options.warmupSeconds,
      durationSeconds: options.durationSeconds,
      step: async (index) => {
        const approver = setup.approvers[index]!;
        const queue = queues[approver.group]!;
        const entry = queue.entries[queue.next++];
        if (!entry) return 'exhausted';
        const group = setup.groups[approver.group]!;
        const next = { nodeId: 'b', nodeName: '二审', assignees: group.approvers.map((p) => p.personId) };
        return (await rawApprove(raw, entry.tasks.get(approver.person.personId)!, approver.person.personId, setup.engineState, next, approver.person.personId)).outcome;
      },
    },
    () => [],
    false,
  ));
  await raw.end();
  await dropUntouched(context.pool, queues);
  return measured;
}

function figures(run: ApproveRun) {
  const { measured } = run;
  const ok = measured.counts.ok ?? 0;
  const conflicts = measured.counts.conflict ?? 0;
  return {
    approvals: ok / measured.seconds,
    requests: (ok + conflicts) / measured.seconds,
    p50: quantile(allLatencies(measured), 0.5),
    p99: quantile(allLatencies(measured), 0.99),
    p99ok: quantile(measured.latencies.ok ?? [], 0.99),
    errors: measured.counts.error ?? 0,
    doubles: run.verdict.doubleDecided + run.verdict.advancedTwice + run.verdict.timelineMismatch + run.clientWins.twice + (run.verdict.approvedInDatabase === run.clientWins.total ? 0 : 1),
  };
}

function describeRun(label: string, run: ApproveRun): string[] {
  const m = run.measured;
  const v = run.verdict;
  return [
    `${label}: ${fmt.int(m.counts.ok ?? 0)} approvals (200) and ${fmt.int(m.counts.conflict ?? 0)} TASK_ALREADY_HANDLED (409) in ${m.seconds.toFixed(1)} s, ${m.counts.error ?? 0} errors${m.errors.length ? ` (${m.errors[0]})` : ''}${run.exhausted ? '; the pool ran out before the window ended' : ''}; ${(m.transactionsPerStep).toFixed(1)} database transactions per request`,
    `${label} check (SQL over ${fmt.int(v.touched)} applications): ${v.doubleDecided} nodes decided twice, ${v.advancedTwice} applications advanced twice, ${v.timelineMismatch} timeline/task mismatches, ${run.clientWins.twice} applications approved twice as seen by clients; approved tasks in the database ${fmt.int(v.approvedInDatabase)} vs 200 answers ${fmt.int(run.clientWins.total)}`,
    `${label} ${describeCpu(m.cpu)}`,
    `${label}: ${describeQueries(m.queriesPerStep, 'request (200 and 409 together)')}`,
  ];
}

export async function runApproveAndHistory(context: BenchContext, wants: { approve: boolean; history: boolean }): Promise<Section[]> {
  const { options, log } = context;
  const setup = await setUp(context);
  const sections: Section[] = [];

  // A finished application to copy as history: submit, approve, approve.
  const group = setup.groups[0]!;
  const done = await submitOver(group.applicantClient);
  let detail = done;
  for (const node of ['a', 'b']) {
    const task = detail.tasks.find((t) => t.status === 'pending' && t.nodeId === node && t.assignee.personId === group.approvers[0].personId)!;
    const reply = await setup.approvers[0]!.client.post<ApplicationReply>(`/api/tasks/${task.id}/approve`, { opinion: '同意', idempotencyKey: randomUUID() });
    if (reply.status !== 200) throw new Error(`approve: ${reply.status}`);
    detail = reply.body;
  }
  const history: HistoryPeople = {
    templateId: done.id,
    applicants: await Promise.all(
      setup.groups.map(async (g) => {
        const { rows } = await context.pool.query<{ id: string }>('select id from account where person_id = $1', [g.applicant.personId]);
        return { personId: g.applicant.personId, accountId: rows[0]!.id };
      }),
    ),
    approvers: setup.groups.map((g) => [g.approvers[0].personId, g.approvers[1].personId]),
  };

  await growHistory(context.pool, history, options.historySmallRows, log);
  await vacuumAnalyze(context.pool);
  const smallRows = await countHistoryRows(context.pool);
  log(`approve: ${approverClients} approvers, race ×${options.approveRace}, ${fmt.int(smallRows)} history timeline rows, ${options.durationSeconds} s`);
  const small = await runHallApprovals(context, setup);
  const smallSizes = await tableSizes(context.pool);
  const smallFigures = figures(small);

  if (wants.approve) {
    log('approve: raw pg baseline');
    const raw = await runRawApprovals(context, setup);
    const rawRate = (raw.counts.ok ?? 0) / raw.seconds;
    const rawP99 = quantile(allLatencies(raw), 0.99);
    const f = smallFigures;
    const rows: Row[] = [
      { benchmark: 'approve', figure: 'approvals/s (64 approvers, raced)', value: `${fmt.rate(f.approvals)} /s`, baseline: `${fmt.rate(rawRate)} /s raw pg`, ratio: fmt.ratio(f.approvals / rawRate), target: '≥ 3,000 /s', pass: f.approvals >= 3000 && f.errors === 0 },
      { benchmark: 'approve', figure: 'requests/s (200 + 409)', value: `${fmt.rate(f.requests)} /s`, baseline: `${fmt.rate((((raw.counts.ok ?? 0) + (raw.counts.conflict ?? 0)) / raw.seconds))} /s raw pg`, ratio: '', target: '', pass: null },
      { benchmark: 'approve', figure: 'latency p50 (all answers)', value: fmt.ms(f.p50), baseline: fmt.ms(quantile(allLatencies(raw), 0.5)), ratio: '', target: '', pass: null },
      { benchmark: 'approve', figure: 'latency p99 (all answers)', value: fmt.ms(f.p99), baseline: fmt.ms(rawP99), ratio: fmt.ratio(f.p99 / rawP99), target: '≤ 30 ms', pass: f.p99 <= 30 },
      { benchmark: 'approve', figure: 'double approvals', value: String(f.doubles), baseline: '', ratio: '', target: '0', pass: f.doubles === 0 },
    ];
    sections.push({
      benchmark: 'approve',
      rows,
      notes: [
        ...describeRun('hall', small),
        `p99 of the 200 answers alone: ${fmt.ms(f.p99ok)}`,
        `baseline: ${fmt.int(raw.counts.ok ?? 0)} approvals and ${fmt.int(raw.counts.conflict ?? 0)} conflicts as raw SQL transactions (64 connections); ${describeCpu(raw.cpu)}`,
        `applications for the pool were ${setup.copyProblem ? `made over HTTP (${setup.copyProblem})` : 'made once over HTTP per group and copied in SQL'}; tables after the run: ${smallSizes}`,
      ],
    });
  }

  if (wants.history) {
    log(`history: growing to ${fmt.int(options.historyRows)} timeline rows`);
    const started = Date.now();
    await growHistory(context.pool, history, options.historyRows, log);
    log('history: vacuum analyze');
    await vacuumAnalyze(context.pool);
    const loadSeconds = (Date.now() - started) / 1000;
    const largeRows = await countHistoryRows(context.pool);
    log(`history: approve with ${fmt.int(largeRows)} history timeline rows`);
    const large = await runHallApprovals(context, setup);
    const largeFigures = figures(large);
    const ratio = largeFigures.approvals / smallFigures.approvals;
    sections.push({
      benchmark: 'history',
      rows: [
        {
          benchmark: 'history',
          figure: `approvals/s at ${fmt.int(largeRows)} ÷ ${fmt.int(smallRows)} rows`,
          value: `${fmt.rate(largeFigures.approvals)} /s`,
          baseline: `${fmt.rate(smallFigures.approvals)} /s`,
          ratio: fmt.ratio(ratio),
          target: '≥ 0.80×',
          pass: smallFigures.approvals > 0 && ratio >= 0.8 && largeFigures.errors === 0 && largeFigures.doubles === 0,
        },
        { benchmark: 'history', figure: 'latency p99 (all answers)', value: fmt.ms(largeFigures.p99), baseline: fmt.ms(smallFigures.p99), ratio: fmt.ratio(largeFigures.p99 / smallFigures.p99), target: '', pass: null },
      ],
      notes: [
        `history generated and vacuumed in ${loadSeconds.toFixed(0)} s; tables with the large history: ${await tableSizes(context.pool)}`,
        ...describeRun('large history', large),
      ],
    });
  }

  await Promise.all([...setup.groups.map((g) => g.applicantClient.close()), ...setup.approvers.map((a) => a.client.close())]);
  return sections;
}
