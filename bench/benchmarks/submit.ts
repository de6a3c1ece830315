/**
 * submit: 32 HTTP clients, each a logged-in applicant (8 applicants, 4
 * sessions each), submitting applications as fast as they are answered.
 * Every submit validates the form, resolves the approvers, starts the engine
 * and writes the application, its first task, a timeline row, a job and the
 * action log in one statement. Baseline: a raw pg pool of 32 sending that
 * same statement (prepared), with nothing else around it.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { assertNoErrors, describeQueries, measure, type BenchContext } from '../lib/context.ts';
import { benchFormData, benchPassword, twoStepProcess } from '../lib/fixtures.ts';
import { HallClient, logInAll, type ApplicationReply } from '../lib/http.ts';
import { allLatencies, quantile } from '../lib/load.ts';
import { rawSubmit, readTemplate } from '../lib/raw-sql.ts';
import { describeCpu } from '../lib/cpu.ts';
import { ignoreIdleErrors } from '../lib/database.ts';
import { fmt, type Section } from '../lib/report.ts';

const clientCount = 32;
const applicantCount = 8;

export async function runSubmit(context: BenchContext): Promise<Section> {
  const { fixtures, options, servers, log } = context;
  const department = await fixtures.createDepartment('bench-submit');
  const applicants = await fixtures.createPeople('submit-applicant', applicantCount, department, [], 'student');
  const [approverA] = await fixtures.createPeople('submit-approver-a', 1, department, ['bench_submit_a']);
  await fixtures.createPeople('submit-approver-b', 1, department, ['bench_submit_b']);
  await fixtures.publishService('bench-submit', twoStepProcess('bench_submit_a', 'bench_submit_b'));

  const clients = Array.from({ length: clientCount }, (_, index) => new HallClient(servers.urls[index % servers.urls.length]!));
  await logInAll(clients.map((client, index) => ({ client, accountNo: applicants[index % applicantCount]!.accountNo, password: benchPassword })));

  const submit = async (client: HallClient) => {
    const reply = await client.post<ApplicationReply>('/api/applications', { serviceCode: 'bench-submit', data: benchFormData, idempotencyKey: randomUUID() });
    if (reply.status !== 201) throw new Error(`submit: ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
    return reply.body;
  };
  const template = await submit(clients[0]!);
  const firstTask = template.tasks.find((task) => task.status === 'pending');
  if (!firstTask || firstTask.assignee.personId !== approverA!.personId) throw new Error('submit: the first task is not the expected approver’s');

  log(`submit: ${clientCount} HTTP clients for ${options.durationSeconds} s`);
  const hall = await measure(context, {
    clients: clientCount,
    warmupSeconds: options.warmupSeconds,
    durationSeconds: options.durationSeconds,
    step: async (index) => {
      await submit(clients[index]!);
      return 'ok';
    },
  });
  await Promise.all(clients.map((client) => client.close()));

  log(`submit: raw pg baseline, pool of ${clientCount}`);
  const raw = ignoreIdleErrors(new pg.Pool({ connectionString: context.database.url, max: clientCount }));
  const rawTemplate = await readTemplate(context.pool, template.id);
  const first = { nodeId: firstTask.nodeId, nodeName: '一审', assignees: [approverA!.personId] };
  const baseline = assertNoErrors('submit baseline', await measure(
    context,
    {
      clients: clientCount,
      warmupSeconds: options.warmupSeconds,
      durationSeconds: options.durationSeconds,
      step: async () => {
        await rawSubmit(raw, rawTemplate, first, randomUUID());
        return 'ok';
      },
    },
    () => [],
    false,
  ));
  await raw.end();

  const rate = (hall.counts.ok ?? 0) / hall.seconds;
  const baseRate = (baseline.counts.ok ?? 0) / baseline.seconds;
  const p50 = quantile(allLatencies(hall), 0.5);
  const p99 = quantile(allLatencies(hall), 0.99);
  const baseP50 = quantile(allLatencies(baseline), 0.5);
  const baseP99 = quantile(allLatencies(baseline), 0.99);
  const errors = hall.counts.error ?? 0;
  return {
    benchmark: 'submit',
    rows: [
      { benchmark: 'submit', figure: 'throughput (32 clients)', value: `${fmt.rate(rate)} req/s`, baseline: `${fmt.rate(baseRate)} tx/s raw pg`, ratio: fmt.ratio(rate / baseRate), target: '≥ 0.50× baseline', pass: baseRate > 0 && rate / baseRate >= 0.5 && errors === 0 },
      { benchmark: 'submit', figure: 'latency p50', value: fmt.ms(p50), baseline: fmt.ms(baseP50), ratio: fmt.ratio(p50 / baseP50), target: '', pass: null },
      { benchmark: 'submit', figure: 'latency p99', value: fmt.ms(p99), baseline: fmt.ms(baseP99), ratio: fmt.ratio(p99 / baseP99), target: '≤ 25 ms', pass: p99 <= 25 },
    ],
    notes: [
      `hall: ${fmt.int(hall.counts.ok ?? 0)} submits in ${hall.seconds.toFixed(1)} s, ${errors} errors${hall.errors.length ? ` (${hall.errors[0]})` : ''}; ${hall.transactionsPerStep.toFixed(1)} database transactions per submit (each autocommit query counts one)`,
      `hall ${describeCpu(hall.cpu)}`,
      `hall: ${describeQueries(hall.queriesPerStep, 'submit')}`,
      `baseline: ${fmt.int(baseline.counts.ok ?? 0)} submits as the hall's one statement (application, tasks, timeline, jobs, action log) over raw pg in ${baseline.seconds.toFixed(1)} s; ${describeCpu(baseline.cpu)}`,
    ],
  };
}
