import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/platform/db.ts';
import { isAppError } from '../src/platform/errors.ts';
import { createServices, type Services } from '../src/services.ts';
import type { Auth } from '../src/modules/identity/identity.service.ts';
import { buildDepartment, buildPerson, buildService, createTestHall, makeHead, sampleData, testDbKind, type BuiltPerson, type TestHall } from './helpers.ts';

/**
 * Races on PostgreSQL between two server processes' worth of connections
 * (two pools, two sets of services), released together by a barrier — in
 * the manner of Camunda's CompetingJoinTest. Each race runs many rounds;
 * afterwards the database must show no double completion and no lost update.
 */
const ROUNDS = 500;

describe.runIf(testDbKind() === 'postgres')('concurrency on PostgreSQL', () => {
  let hall: TestHall;
  let second: Kysely<Database>;
  let a: Services;
  let b: Services;

  beforeAll(async () => {
    hall = await createTestHall();
    second = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: hall.databaseUrl!, max: 4 }) }) });
    a = hall.services;
    b = createServices({ db: second, config: hall.config });
  }, 60_000);
  afterAll(async () => {
    await second?.destroy();
    await hall?.close();
  });

  async function authOf(person: BuiltPerson): Promise<Auth> {
    const account = await hall.db.selectFrom('account').select('id').where('account_no', '=', person.accountNo).executeTakeFirstOrThrow();
    return { sessionId: 'test', accountId: account.id, accountNo: person.accountNo, personId: person.personId, roles: [], mustChangePassword: false, csrfToken: '', provider: 'local' };
  }

  /** Runs both calls released at the same moment; returns 'ok' or the error code of each. */
  async function race(first: () => Promise<unknown>, other: () => Promise<unknown>): Promise<string[]> {
    let open!: () => void;
    const barrier = new Promise<void>((resolve) => (open = resolve));
    const settle = (run: () => Promise<unknown>) =>
      barrier.then(run).then(
        () => 'ok',
        (error: unknown) => {
          if (isAppError(error)) return error.code;
          throw error;
        },
      );
    const results = Promise.all([settle(first), settle(other)]);
    open();
    return results;
  }

  async function setup(mode: 'any' | 'all') {
    const department = await buildDepartment(hall.db);
    const head = await buildPerson(hall.db, { departmentId: department.id, kind: 'teacher' });
    await makeHead(hall.db, department.id, head.personId);
    const role = `r_${randomUUID().slice(0, 8)}`;
    const x = await buildPerson(hall.db, { kind: 'staff', roles: [{ role }] });
    const y = await buildPerson(hall.db, { kind: 'staff', roles: [{ role }] });
    const last = await buildPerson(hall.db, { kind: 'staff' });
    const applicant = await buildPerson(hall.db, { departmentId: department.id });
    const service = await buildService(hall.db, {
      process: {
        nodes: [
          { id: 'pair', type: 'approver', name: '双人审批', assignee: { kind: 'role', role }, mode },
          { id: 'last', type: 'approver', name: '终审', assignee: { kind: 'people', personIds: [last.personId] } },
        ],
      },
    });
    return { service, auth: { x: await authOf(x), y: await authOf(y), applicant: await authOf(applicant), last: await authOf(last) } };
  }

  const taskOf = (detail: { tasks: { id: string; assignee: { personId: string }; status: string }[] }, personId: string) =>
    detail.tasks.find((t) => t.assignee.personId === personId && t.status === 'pending')!.id;

  /** The database agrees with itself: tasks match the engine, the timeline matches the tasks. */
  async function checkConsistency(serviceCode: string, expectLastTasks: number) {
    const apps = await hall.db
      .selectFrom('application as app')
      .innerJoin('service as s', 's.id', 'app.service_id')
      .select(['app.id', 'app.engine_state', 'app.status'])
      .where('s.code', '=', serviceCode)
      .execute();
    const tasks = await hall.db.selectFrom('task').select(['application_id', 'engine_key', 'node_id', 'status']).where('application_id', 'in', apps.map((x) => x.id)).execute();
    const approvals = await hall.db.selectFrom('timeline').select(['application_id', 'node_id']).where('action', '=', 'approve').where('application_id', 'in', apps.map((x) => x.id)).execute();
    for (const app of apps) {
      const mine = tasks.filter((t) => t.application_id === app.id);
      const live = mine.filter((t) => t.status === 'pending' || t.status === 'suspended').map((t) => t.engine_key).sort();
      expect(live).toEqual(Object.keys(app.engine_state.tasks).sort());
      // The next node was entered exactly once: one task for its one approver.
      expect(mine.filter((t) => t.node_id === 'last').length).toBe(expectLastTasks);
      const approved = mine.filter((t) => t.status === 'approved').length;
      expect(approvals.filter((e) => e.application_id === app.id).length).toBe(approved);
    }
    return apps;
  }

  it(`the same approver approving one task twice at once: one wins (${ROUNDS} rounds)`, async () => {
    const { service, auth } = await setup('any');
    let wins = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const app = await a.workflow.submit(auth.applicant, { serviceCode: service.code, data: sampleData, idempotencyKey: randomUUID() });
      const taskId = taskOf(app, auth.x.personId);
      const results = await race(() => a.workflow.approveTask(auth.x, taskId, { opinion: '' }), () => b.workflow.approveTask(auth.x, taskId, { opinion: '' }));
      expect(results.sort()).toEqual(['TASK_ALREADY_HANDLED', 'ok']);
      wins++;
    }
    expect(wins).toBe(ROUNDS);
    await checkConsistency(service.code, 1);
  }, 600_000);

  it(`two approvers of an any-one node at once: exactly one decides (${ROUNDS} rounds)`, async () => {
    const { service, auth } = await setup('any');
    for (let round = 0; round < ROUNDS; round++) {
      const app = await a.workflow.submit(auth.applicant, { serviceCode: service.code, data: sampleData, idempotencyKey: randomUUID() });
      const results = await race(
        () => a.workflow.approveTask(auth.x, taskOf(app, auth.x.personId), { opinion: '' }),
        () => b.workflow.approveTask(auth.y, taskOf(app, auth.y.personId), { opinion: '' }),
      );
      expect(results.sort()).toEqual(['TASK_ALREADY_HANDLED', 'ok']);
    }
    const apps = await checkConsistency(service.code, 1);
    const approved = await hall.db.selectFrom('task').select(['application_id']).where('node_id', '=', 'pair').where('status', '=', 'approved').where('application_id', 'in', apps.map((x) => x.id)).execute();
    expect(approved.length).toBe(ROUNDS); // one approval per application, never two
  }, 600_000);

  it(`both approvers of an all-must-approve node at once: both count, the join fires once (${ROUNDS} rounds)`, async () => {
    const { service, auth } = await setup('all');
    for (let round = 0; round < ROUNDS; round++) {
      const app = await a.workflow.submit(auth.applicant, { serviceCode: service.code, data: sampleData, idempotencyKey: randomUUID() });
      const results = await race(
        () => a.workflow.approveTask(auth.x, taskOf(app, auth.x.personId), { opinion: '' }),
        () => b.workflow.approveTask(auth.y, taskOf(app, auth.y.personId), { opinion: '' }),
      );
      expect(results).toEqual(['ok', 'ok']);
    }
    await checkConsistency(service.code, 1);
  }, 600_000);

  it(`approve racing withdraw: exactly one takes effect (${ROUNDS} rounds)`, async () => {
    const { service, auth } = await setup('any');
    const outcomes = { approved: 0, withdrawn: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const app = await a.workflow.submit(auth.applicant, { serviceCode: service.code, data: sampleData, idempotencyKey: randomUUID() });
      const results = await race(
        () => a.workflow.approveTask(auth.x, taskOf(app, auth.x.personId), { opinion: '' }),
        () => b.workflow.withdraw(auth.applicant, app.id, { opinion: '' }),
      );
      expect(results.filter((r) => r === 'ok')).toHaveLength(1);
      const final = await a.workflow.getApplication(auth.applicant, app.id);
      if (results[0] === 'ok') {
        expect(results[1]).toBe('WITHDRAW_NOT_ALLOWED');
        expect(final.status).toBe('running');
        outcomes.approved++;
      } else {
        expect(['TASK_ALREADY_HANDLED', 'APPLICATION_ENDED']).toContain(results[0]);
        expect(final.status).toBe('withdrawn');
        expect(final.tasks.every((t) => t.status !== 'pending')).toBe(true);
        outcomes.withdrawn++;
      }
    }
    expect(outcomes.approved + outcomes.withdrawn).toBe(ROUNDS);
  }, 600_000);
});
