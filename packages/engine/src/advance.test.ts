import { describe, expect, it } from 'vitest';
import { advance, initialState } from './advance.ts';
import { nodesToChooseAfter } from './queries.ts';
import { AT, define, Driver } from './testing.ts';

const role = (r: string) => ({ kind: 'role' as const, role: r });
const approver = (id: string, extra: Record<string, unknown> = {}) => ({ id, type: 'approver' as const, name: `节点${id}`, assignee: role(id), ...extra });

describe('sequential nodes and modes', () => {
  const def = define({ nodes: [approver('a'), approver('b', { mode: 'all' }), approver('c', { mode: 'sequential' })] });

  it('runs any → all → one after another, then approves', () => {
    const d = new Driver(def, { a: ['A1', 'A2'], b: ['B1', 'B2'], c: ['C1', 'C2'] });
    expect(d.holders()).toEqual(['A1', 'A2']);
    d.approve('A2');
    expect(d.holders()).toEqual(['B1', 'B2']); // A1's task closed unanswered
    d.approve('B1');
    expect(d.holders()).toEqual(['B2']);
    d.approve('B2');
    expect(d.holders()).toEqual(['C1']);
    d.approve('C1');
    expect(d.holders()).toEqual(['C2']);
    const last = d.approve('C2');
    expect(d.state.status).toBe('approved');
    expect(last.effects).toContainEqual({ type: 'finished', outcome: 'approved' });
  });

  it('a rejection in an any-one node ends the application and closes the others unanswered', () => {
    const d = new Driver(def, { a: ['A1', 'A2'], b: ['B1'], c: ['C1'] });
    const result = d.must({ type: 'reject', at: AT, actor: 'A1', taskKey: d.taskOf('A1'), opinion: '不同意' });
    expect(d.state.status).toBe('rejected');
    expect(result.effects.filter((e) => e.type === 'closeTask')).toEqual([
      { type: 'closeTask', key: expect.any(String), status: 'rejected', opinion: '不同意' },
      { type: 'closeTask', key: expect.any(String), status: 'cancelled' },
    ]);
    expect(d.state.tasks).toEqual({});
  });

  it('a ratio node approves at the ratio and rejects when it can no longer be reached', () => {
    const ratio = define({ nodes: [approver('r', { mode: 'ratio', ratio: 2 / 3 })] });
    const ok = new Driver(ratio, { r: ['X', 'Y', 'Z'] });
    ok.must({ type: 'reject', at: AT, actor: 'X', taskKey: ok.taskOf('X'), opinion: '否' });
    expect(ok.state.status).toBe('running');
    ok.approve('Y');
    ok.approve('Z');
    expect(ok.state.status).toBe('approved');
    const no = new Driver(ratio, { r: ['X', 'Y', 'Z'] });
    no.must({ type: 'reject', at: AT, actor: 'X', taskKey: no.taskOf('X'), opinion: '否' });
    no.must({ type: 'reject', at: AT, actor: 'Y', taskKey: no.taskOf('Y'), opinion: '否' });
    expect(no.state.status).toBe('rejected');
  });

  it('requires an opinion where the node says so', () => {
    const strict = define({ nodes: [approver('a', { opinionRequired: { approve: true, reject: true } })] });
    const d = new Driver(strict, { a: ['A'] });
    expect(d.act({ type: 'approve', at: AT, actor: 'A', taskKey: d.taskOf('A') })).toMatchObject({ ok: false, error: { code: 'OPINION_REQUIRED' } });
    expect(d.act({ type: 'reject', at: AT, actor: 'A', taskKey: d.taskOf('A'), opinion: ' ' })).toMatchObject({ ok: false, error: { code: 'OPINION_REQUIRED' } });
  });

  it('refuses strangers, repeats and actions after the end', () => {
    const d = new Driver(def, { a: ['A1'], b: ['B1'], c: ['C1'] });
    const key = d.taskOf('A1');
    expect(d.act({ type: 'approve', at: AT, actor: 'B1', taskKey: key })).toMatchObject({ ok: false, error: { code: 'NOT_ASSIGNEE' } });
    d.approve('A1');
    expect(d.act({ type: 'approve', at: AT, actor: 'A1', taskKey: key })).toMatchObject({ ok: false, error: { code: 'TASK_ALREADY_HANDLED' } });
    d.must({ type: 'terminate', at: AT, actor: 'admin' });
    expect(d.act({ type: 'approve', at: AT, actor: 'B1', taskKey: d.log.length ? 't9' : '' })).toMatchObject({ ok: false, error: { code: 'APPLICATION_ENDED' } });
  });
});

describe('assignee rules', () => {
  it('refuses to start when a node on the path has nobody, and passes or reroutes when told to', () => {
    const def = define({ nodes: [approver('a')] });
    expect(advance(def, initialState(), { type: 'start', at: AT, actor: 'P', data: {}, applicant: { personId: 'P', kind: 'student', departmentId: null, classId: null, roles: [] }, plan: { a: [] } })).toEqual({
      ok: false,
      error: { code: 'ASSIGNEE_NOT_FOUND', nodeId: 'a' },
    });
    const passing = new Driver(define({ nodes: [approver('a', { onEmpty: { action: 'pass' } }), approver('b')] }), { a: [], b: ['B'] });
    expect(passing.holders()).toEqual(['B']);
    const admin = '00000000-0000-4000-8000-000000000001';
    const toAdmin = new Driver(define({ nodes: [approver('a', { onEmpty: { action: 'admin', personIds: [admin] } })] }), { a: [] });
    expect(toAdmin.holders()).toEqual([admin]);
  });

  it('applies the applicant-as-approver and repeated-approver rules', () => {
    const self = new Driver(define({ nodes: [approver('a', { onApplicant: 'head' })] }), { a: ['P'] }, { applicant: 'P', head: 'H' });
    expect(self.holders()).toEqual(['H']);
    const pass = new Driver(define({ nodes: [approver('a', { onApplicant: 'pass' }), approver('b')] }), { a: ['P'], b: ['B'] }, { applicant: 'P' });
    expect(pass.holders()).toEqual(['B']);
    const repeat = new Driver(define({ nodes: [approver('a'), approver('b', { onRepeat: 'pass' }), approver('c')] }), { a: ['X'], b: ['X'], c: ['C'] });
    repeat.approve('X');
    expect(repeat.holders()).toEqual(['C']);
  });

  it('takes approvers chosen by the previous approver, and asks for them', () => {
    const def = define({ nodes: [approver('a'), { id: 'b', type: 'approver', name: '指定', assignee: { kind: 'previousApproverChooses', max: 2 } }] });
    const d = new Driver(def, { a: ['A'] });
    expect(d.act({ type: 'approve', at: AT, actor: 'A', taskKey: d.taskOf('A') })).toMatchObject({ ok: false, error: { code: 'CHOICE_REQUIRED', nodeId: 'b' } });
    d.approve('A', { chosen: { b: ['Q'] } });
    expect(d.holders()).toEqual(['Q']);
  });

  it('asks each approver to choose only for the nodes that come right after theirs', () => {
    const chosen = (id: string, name: string) => ({ id, type: 'approver' as const, name, assignee: { kind: 'previousApproverChooses' as const } });
    const def = define({
      nodes: [
        approver('a'),
        { id: 'cc', type: 'cc', name: '抄送', assignee: role('cc') },
        {
          id: 'cond',
          type: 'condition',
          name: '金额',
          branches: [
            { id: 'big', name: '大额', when: { field: 'amount', op: 'gt', value: 1000 }, nodes: [chosen('b', '大额审批')] },
            { id: 'other', name: '其他', nodes: [] },
          ],
        },
        { id: 'par', type: 'parallel', name: '会审', branches: [{ id: 'p1', name: '甲', nodes: [chosen('c', '甲审')] }, { id: 'p2', name: '乙', nodes: [approver('y'), chosen('d', '乙复审')] }] },
      ],
    });
    const big = new Driver(def, { a: ['A'], cc: ['CC'], y: ['Y'] }, { data: { amount: 5000 } });
    expect(nodesToChooseAfter(def, big.state, 'a')).toEqual(['b']);
    const small = new Driver(def, { a: ['A'], cc: ['CC'], y: ['Y'] }, { data: { amount: 10 } });
    expect(nodesToChooseAfter(def, small.state, 'a')).toEqual(['c']); // past the empty branch, into the parallel block (y is not chosen)
    expect(nodesToChooseAfter(def, small.state, 'y')).toEqual(['d']);
    small.approve('A', { chosen: { c: ['C'] } });
    expect(nodesToChooseAfter(def, small.state, 'a')).toEqual([]); // chosen already
  });
});

describe('conditions, parallel blocks and CC', () => {
  const def = define({
    nodes: [
      { id: 'cc1', type: 'cc', name: '抄送', assignee: role('cc') },
      {
        id: 'cond',
        type: 'condition',
        name: '天数',
        branches: [
          { id: 'long', name: '超过3天', when: { field: 'days', op: 'gt', value: 3 }, nodes: [approver('dean')] },
          { id: 'short', name: '其他', nodes: [] },
        ],
      },
      { id: 'par', type: 'parallel', name: '会审', branches: [{ id: 'p1', name: '甲', nodes: [approver('x'), approver('x2')] }, { id: 'p2', name: '乙', nodes: [approver('y')] }] },
      approver('final'),
    ],
  });
  const plan = { cc1: ['CC'], dean: ['D'], x: ['X'], x2: ['X2'], y: ['Y'], final: ['F'] };

  it('takes the matching branch, copies, runs branches side by side and joins', () => {
    const long = new Driver(def, plan, { data: { days: 5 } });
    expect(long.holders()).toEqual(['D']);
    long.approve('D');
    expect(long.holders()).toEqual(['X', 'Y']);
    long.approve('Y');
    expect(long.holders()).toEqual(['X']);
    long.approve('X');
    expect(long.holders()).toEqual(['X2']);
    long.approve('X2');
    expect(long.holders()).toEqual(['F']);
    const short = new Driver(def, plan, { data: { days: 1 } });
    expect(short.holders()).toEqual(['X', 'Y']);
  });

  it('sending back from one parallel branch to a node before the block cancels the sibling branches', () => {
    const d = new Driver(def, plan, { data: { days: 5 } });
    d.approve('D');
    const result = d.must({ type: 'sendBack', at: AT, actor: 'Y', taskKey: d.taskOf('Y'), target: 'previous', opinion: '请院长再看' });
    expect(d.holders()).toEqual(['D']);
    expect(result.effects.filter((e) => e.type === 'closeTask').map((e) => e.type === 'closeTask' && e.status)).toEqual(['returned', 'cancelled']);
    expect(d.state.joins).toEqual({});
    d.approve('D');
    expect(d.holders()).toEqual(['X', 'Y']); // rerun: the block starts again
  });

  it('sending back inside a branch touches only that branch, and can resume at the sender', () => {
    const resume = define({
      nodes: [{ id: 'par', type: 'parallel', name: '会审', branches: [{ id: 'p1', name: '甲', nodes: [approver('x'), approver('m'), approver('x2', { sendBack: { targets: ['any'], resume: 'sender' } })] }, { id: 'p2', name: '乙', nodes: [approver('y')] }] }],
    });
    const d = new Driver(resume, { x: ['X'], m: ['M'], x2: ['X2'], y: ['Y'] });
    d.approve('X');
    d.approve('M');
    d.must({ type: 'sendBack', at: AT, actor: 'X2', taskKey: d.taskOf('X2'), target: { nodeId: 'x' }, opinion: '补充' });
    expect(d.holders()).toEqual(['X', 'Y']);
    d.approve('X');
    expect(d.holders()).toEqual(['X2', 'Y']); // straight back to the sender, skipping m
    expect(d.act({ type: 'sendBack', at: AT, actor: 'Y', taskKey: d.taskOf('Y'), target: { nodeId: 'x' }, opinion: '不行' })).toMatchObject({ ok: false, error: { code: 'SEND_BACK_TARGET_INVALID' } });
    // A node that allows only 'previous' accepts the previous step named by id, and no other.
    const onlyPrevious = define({ nodes: [approver('a'), approver('b'), approver('c', { sendBack: { targets: ['previous'], resume: 'rerun' } })] });
    const p = new Driver(onlyPrevious, { a: ['A'], b: ['B'], c: ['C'] });
    p.approve('A');
    p.approve('B');
    expect(p.act({ type: 'sendBack', at: AT, actor: 'C', taskKey: p.taskOf('C'), target: { nodeId: 'a' }, opinion: '不行' })).toMatchObject({ ok: false, error: { code: 'SEND_BACK_TARGET_INVALID' } });
    p.must({ type: 'sendBack', at: AT, actor: 'C', taskKey: p.taskOf('C'), target: { nodeId: 'b' }, opinion: '请复核' });
    expect(p.holders()).toEqual(['B']);
  });
});

describe('send back to the applicant and resubmit', () => {
  it('returns, then reruns from the start or resumes at the sender', () => {
    const def = define({ nodes: [approver('a'), approver('b', { sendBack: { targets: ['applicant'], resume: 'sender' } })] });
    const d = new Driver(def, { a: ['A'], b: ['B'] });
    d.approve('A');
    expect(d.act({ type: 'sendBack', at: AT, actor: 'B', taskKey: d.taskOf('B'), target: 'applicant' })).toMatchObject({ ok: false, error: { code: 'OPINION_REQUIRED' } });
    d.must({ type: 'sendBack', at: AT, actor: 'B', taskKey: d.taskOf('B'), target: 'applicant', opinion: '材料不全' });
    expect(d.state.status).toBe('returned');
    expect(d.holders()).toEqual([]);
    expect(d.act({ type: 'resubmit', at: AT, actor: 'B', data: {}, plan: { a: ['A'], b: ['B'] } })).toMatchObject({ ok: false, error: { code: 'NOT_APPLICANT' } });
    const resubmitted = d.must({ type: 'resubmit', at: AT, actor: 'applicant', data: { x: 1 }, plan: { a: ['A'], b: ['B'] } });
    expect(resubmitted.effects).toContainEqual({ type: 'log', action: 'resubmit', actor: 'applicant', nodeId: null, detail: { changes: [{ key: 'x', from: null, to: 1 }] } });
    expect(d.holders()).toEqual(['B']);
    expect(d.state.data).toEqual({ x: 1 });
  });
});

describe('transfer, delegate, add and remove signers', () => {
  const def = define({ nodes: [approver('a', { mode: 'all' }), approver('b')] });

  it('transfers a task: the new person decides in the same place', () => {
    const d = new Driver(def, { a: ['A1', 'A2'], b: ['B'] });
    d.must({ type: 'transfer', at: AT, actor: 'A1', taskKey: d.taskOf('A1'), to: 'T' });
    expect(d.holders()).toEqual(['A2', 'T']);
    expect(d.act({ type: 'transfer', at: AT, actor: 'T', taskKey: d.taskOf('T'), to: 'A2' })).toMatchObject({ ok: false, error: { code: 'SIGNER_INVALID' } });
    d.approve('T');
    d.approve('A2');
    expect(d.holders()).toEqual(['B']);
  });

  it('delegates: the delegate answers and the task comes back', () => {
    const d = new Driver(def, { a: ['A1'], b: ['B'] });
    d.must({ type: 'delegate', at: AT, actor: 'A1', taskKey: d.taskOf('A1'), to: 'D' });
    expect(d.holders()).toEqual(['D']);
    expect(d.act({ type: 'reject', at: AT, actor: 'D', taskKey: d.taskOf('D'), opinion: 'x' })).toMatchObject({ ok: false, error: { code: 'ACTION_NOT_ALLOWED' } });
    d.approve('D', { opinion: '建议同意' });
    expect(d.holders()).toEqual(['A1']);
    d.approve('A1');
    expect(d.holders()).toEqual(['B']);
  });

  it('adds signers before, after and in parallel', () => {
    const before = new Driver(def, { a: ['A1'], b: ['B'] });
    before.must({ type: 'addSigner', at: AT, actor: 'A1', taskKey: before.taskOf('A1'), people: ['S1', 'S2'], position: 'before' });
    expect(before.holders()).toEqual(['S1', 'S2']);
    before.approve('S1');
    before.approve('S2');
    expect(before.holders()).toEqual(['A1']);

    const after = new Driver(def, { a: ['A1'], b: ['B'] });
    after.must({ type: 'addSigner', at: AT, actor: 'A1', taskKey: after.taskOf('A1'), people: ['S'], position: 'after' });
    expect(after.holders()).toEqual(['S']);
    after.approve('S');
    expect(after.holders()).toEqual(['B']);

    const parallel = new Driver(def, { a: ['A1'], b: ['B'] });
    parallel.must({ type: 'addSigner', at: AT, actor: 'A1', taskKey: parallel.taskOf('A1'), people: ['P'], position: 'parallel' });
    parallel.approve('A1');
    expect(parallel.holders()).toEqual(['P']); // all must approve, the added signer too
    parallel.approve('P');
    expect(parallel.holders()).toEqual(['B']);
  });

  it('removes a pending signer; the last approver cannot be removed', () => {
    const d = new Driver(def, { a: ['A1', 'A2', 'A3'], b: ['B'] });
    d.approve('A3');
    d.must({ type: 'removeSigner', at: AT, actor: 'A1', taskKey: d.taskOf('A1'), person: 'A2' });
    expect(d.holders()).toEqual(['A1']);
    expect(d.act({ type: 'removeSigner', at: AT, actor: 'A1', taskKey: d.taskOf('A1'), person: 'A1' })).toMatchObject({ ok: false });
    const helper = new Driver(def, { a: ['A1'], b: ['B'] });
    helper.must({ type: 'addSigner', at: AT, actor: 'A1', taskKey: helper.taskOf('A1'), people: ['S'], position: 'before' });
    helper.must({ type: 'removeSigner', at: AT, actor: 'A1', taskKey: helper.taskOf('A1'), person: 'S' });
    expect(helper.holders()).toEqual(['A1']); // the last before-signer gone: the task reopens
  });
});

describe('withdraw, urge, timers, administrators', () => {
  const def = define({ nodes: [approver('a'), approver('b', { withdrawable: true, timeLimit: { hours: 24, remindBeforeHours: 4, onTimeout: 'approve' } }), approver('c')] });

  it('lets the applicant withdraw before the first decision, or where the node allows', () => {
    const d = new Driver(def, { a: ['A'], b: ['B'], c: ['C'] });
    d.approve('A');
    d.must({ type: 'withdraw', at: AT, actor: 'applicant' }); // b is withdrawable
    expect(d.state.status).toBe('withdrawn');
    const late = new Driver(def, { a: ['A'], b: ['B'], c: ['C'] });
    late.approve('A');
    late.approve('B');
    expect(late.act({ type: 'withdraw', at: AT, actor: 'applicant' })).toMatchObject({ ok: false, error: { code: 'WITHDRAW_NOT_ALLOWED' } });
    expect(late.act({ type: 'withdraw', at: AT, actor: 'C' })).toMatchObject({ ok: false, error: { code: 'NOT_APPLICANT' } });
  });

  it('urges at most once an hour per task', () => {
    const d = new Driver(def, { a: ['A'], b: ['B'], c: ['C'] });
    expect(d.must({ type: 'urge', at: AT, actor: 'applicant' }).effects).toContainEqual({ type: 'notify', people: ['A'], event: 'urged' });
    expect(d.act({ type: 'urge', at: '2026-11-24T08:59:00.000Z', actor: 'applicant' })).toMatchObject({ ok: false, error: { code: 'URGE_TOO_SOON' } });
    expect(d.act({ type: 'urge', at: '2026-11-24T09:00:00.000Z', actor: 'applicant' }).ok).toBe(true);
  });

  it('schedules a reminder and a timeout, ignores stale timers and approves on timeout', () => {
    const d = new Driver(def, { a: ['A'], b: ['B'], c: ['C'] });
    const entered = d.approve('A');
    const schedules = entered.effects.filter((e) => e.type === 'schedule');
    expect(schedules).toEqual([
      { type: 'schedule', kind: 'remind', nodeId: 'b', entry: expect.any(Number), at: '2026-11-25T04:00:00.000Z' },
      { type: 'schedule', kind: 'timeout', nodeId: 'b', entry: expect.any(Number), at: '2026-11-25T08:00:00.000Z' },
    ]);
    const entry = schedules[0]!.type === 'schedule' ? schedules[0]!.entry : 0;
    expect(d.must({ type: 'timer', at: AT, kind: 'timeout', nodeId: 'b', entry: entry + 100 }).effects).toEqual([]);
    d.must({ type: 'timer', at: AT, kind: 'timeout', nodeId: 'b', entry });
    expect(d.holders()).toEqual(['C']);
  });

  it('lets an administrator reassign, jump and terminate', () => {
    const d = new Driver(def, { a: ['A'], b: ['B'], c: ['C'] });
    d.must({ type: 'reassign', at: AT, actor: 'admin', taskKey: d.taskOf('A'), to: 'Z' });
    expect(d.holders()).toEqual(['Z']);
    d.must({ type: 'jump', at: AT, actor: 'admin', nodeId: 'c' });
    expect(d.holders()).toEqual(['C']);
    d.must({ type: 'terminate', at: AT, actor: 'admin', opinion: '重复申请' });
    expect(d.state).toMatchObject({ status: 'terminated', tasks: {}, runs: {} });
  });
});

describe('field permissions', () => {
  it('saves writable fields with the decision and refuses the others', () => {
    const def = define({ nodes: [approver('a', { fields: { remark: 'write', amount: 'read' } })] });
    const d = new Driver(def, { a: ['A'] }, { data: { amount: 5 } });
    expect(d.act({ type: 'approve', at: AT, actor: 'A', taskKey: d.taskOf('A'), fields: { amount: 6 } })).toMatchObject({ ok: false, error: { code: 'FIELD_NOT_WRITABLE' } });
    d.approve('A', { fields: { remark: '已核实' } });
    expect(d.state.data).toEqual({ amount: 5, remark: '已核实' });
  });
});
