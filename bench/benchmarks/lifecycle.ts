/**
 * lifecycle: submit → approve → approve → completed, end to end over HTTP.
 * 32 workers, each with its own department: an applicant and one approver
 * per step (three logged-in sessions), so workers never wait on each other.
 * A lifecycle counts when the second approval answers with status approved.
 * Baseline: the same statements as raw SQL (rawSubmit, rawApprove ×2).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { assertNoErrors, describeQueries, measure, type BenchContext, type Measured } from '../lib/context.ts';
import { describeCpu } from '../lib/cpu.ts';
import { ignoreIdleErrors } from '../lib/database.ts';
import { benchFormData, benchPassword, twoStepProcess, type BenchPerson } from '../lib/fixtures.ts';
import { HallClient, logInAll, type ApplicationReply } from '../lib/http.ts';
import { allLatencies, quantile } from '../lib/load.ts';
import { rawApprove, rawSubmit, readTemplate, type RawTemplate } from '../lib/raw-sql.ts';
import { fmt, type Section } from '../lib/report.ts';

export const lifecycleWorkers = 32;

interface Worker {
  applicant: HallClient;
  first: HallClient;
  second: HallClient;
  people: { applicant: BenchPerson; first: BenchPerson; second: BenchPerson };
}

export async function runLifecycle(context: BenchContext): Promise<{ section: Section; completedPerSecond: number; measured: Measured }> {
  const { fixtures, options, servers, log } = context;
  await fixtures.publishService('bench-lifecycle', twoStepProcess('bench_lc_a', 'bench_lc_b'));
  const workers: Worker[] = [];
  for (let index = 0; index < lifecycleWorkers; index++) {
    const department = await fixtures.createDepartment(`bench-lc-${index}`);
    const [applicant] = await fixtures.createPeople(`lc${index}-applicant`, 1, department, [], 'student');
    const [first] = await fixtures.createPeople(`lc${index}-first`, 1, department, ['bench_lc_a']);
    const [second] = await fixtures.createPeople(`lc${index}-second`, 1, department, ['bench_lc_b']);
    const url = servers.urls[index % servers.urls.length]!;
    workers.push({ applicant: new HallClient(url), first: new HallClient(url), second: new HallClient(url), people: { applicant: applicant!, first: first!, second: second! } });
  }
  await logInAll(
    workers.flatMap((w) => [
      { client: w.applicant, accountNo: w.people.applicant.accountNo, password: benchPassword },
      { client: w.first, accountNo: w.people.first.accountNo, password: benchPassword },
      { client: w.second, accountNo: w.people.second.accountNo, password: benchPassword },
    ]),
  );

  const pendingTask = (application: ApplicationReply, personId: string) => application.tasks.find((t) => t.status === 'pending' && t.assignee.personId === personId)?.id;
  const approve = async (client: HallClient, taskId: string | undefined): Promise<ApplicationReply> => {
    if (!taskId) throw new Error('lifecycle: no pending task for the approver');
    const reply = await client.post<ApplicationReply>(`/api/tasks/${taskId}/approve`, { opinion: '同意', idempotencyKey: randomUUID() });
    if (reply.status !== 200) throw new Error(`approve: ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
    return reply.body;
  };
  let lastApplicationId = '';
  const lifecycle = async (worker: Worker) => {
    const submitted = await worker.applicant.post<ApplicationReply>('/api/applications', { serviceCode: 'bench-lifecycle', data: benchFormData, idempotencyKey: randomUUID() });
    if (submitted.status !== 201) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body).slice(0, 200)}`);
    const afterFirst = await approve(worker.first, pendingTask(submitted.body, worker.people.first.personId));
    const done = await approve(worker.second, pendingTask(afterFirst, worker.people.second.personId));
    if (done.status !== 'approved') throw new Error(`lifecycle: ended as ${done.status}`);
    lastApplicationId = done.id;
  };
  await lifecycle(workers[0]!);

  log(`lifecycle: ${lifecycleWorkers} workers (applicant + 2 approvers each) for ${options.durationSeconds} s`);
  const hall = await measure(context, {
    clients: lifecycleWorkers,
    warmupSeconds: options.warmupSeconds,
    durationSeconds: options.durationSeconds,
    step: async (index) => {
      await lifecycle(workers[index]!);
      return 'ok';
    },
  });
  await Promise.all(workers.flatMap((w) => [w.applicant.close(), w.first.close(), w.second.close()]));

  log(`lifecycle: raw pg baseline, pool of ${lifecycleWorkers}`);
  const template: RawTemplate = await readTemplate(context.pool, lastApplicationId);
  const raw = ignoreIdleErrors(new pg.Pool({ connectionString: context.database.url, max: lifecycleWorkers }));
  const baseline = assertNoErrors('lifecycle baseline', await measure(
    context,
    {
      clients: lifecycleWorkers,
      warmupSeconds: options.warmupSeconds,
      durationSeconds: options.durationSeconds,
      step: async (index) => {
        const { people } = workers[index]!;
        const workerTemplate = { ...template, applicantPersonId: people.applicant.personId };
        const { taskIds } = await rawSubmit(raw, workerTemplate, { nodeId: 'a', nodeName: '一审', assignees: [people.first.personId] }, randomUUID());
        const first = await rawApprove(raw, taskIds[0]!, people.first.personId, template.engineState, { nodeId: 'b', nodeName: '二审', assignees: [people.second.personId] }, people.applicant.personId);
        if ((await rawApprove(raw, first.opened[0]!, people.second.personId, template.engineState, null, people.applicant.personId)).outcome !== 'ok') throw new Error('raw lifecycle: conflict');
        return 'ok';
      },
    },
    () => [],
    false,
  ));
  await raw.end();

  const rate = (hall.counts.ok ?? 0) / hall.seconds;
  const baseRate = (baseline.counts.ok ?? 0) / baseline.seconds;
  const p99 = quantile(allLatencies(hall), 0.99);
  const errors = hall.counts.error ?? 0;
  return {
    completedPerSecond: rate,
    measured: hall,
    section: {
      benchmark: 'lifecycle',
      rows: [
        { benchmark: 'lifecycle', figure: 'completed applications/s (32 workers)', value: `${fmt.rate(rate)} /s`, baseline: `${fmt.rate(baseRate)} /s raw pg`, ratio: fmt.ratio(rate / baseRate), target: '≥ 1,000 /s', pass: rate >= 1000 && errors === 0 },
        { benchmark: 'lifecycle', figure: 'lifecycle latency p99 (3 requests)', value: fmt.ms(p99), baseline: fmt.ms(quantile(allLatencies(baseline), 0.99)), ratio: '', target: '', pass: null },
      ],
      notes: [
        `hall: ${fmt.int(hall.counts.ok ?? 0)} lifecycles in ${hall.seconds.toFixed(1)} s (${fmt.rate((3 * (hall.counts.ok ?? 0)) / hall.seconds)} requests/s), ${errors} errors${hall.errors.length ? ` (${hall.errors[0]})` : ''}; ${(hall.transactionsPerStep / 3).toFixed(1)} database transactions per request`,
        `hall ${describeCpu(hall.cpu)}`,
        `hall: ${describeQueries(hall.queriesPerStep, 'lifecycle (3 requests)')}`,
        `baseline: submit + approve + approve as the hall's statements over raw pg (1 + 2 + 2); ${describeCpu(baseline.cpu)}`,
      ],
    },
  };
}
