import type { ProcessDefinition } from './definition.ts';
import type { Action, Effect, EngineError } from './actions.ts';
import type { EngineState, EngineTask } from './state.ts';
import { EngineFailure, refuse, Transition } from './transition.ts';

export type AdvanceResult = { ok: true; state: EngineState; effects: Effect[] } | { ok: false; error: EngineError };

const URGE_INTERVAL_MS = 3_600_000;

/** The state of an application before `start`. */
export function initialState(): EngineState {
  return {
    status: 'running',
    data: {},
    applicant: { personId: '', kind: '', departmentId: null, classId: null, roles: [] },
    plan: {},
    runs: {},
    tasks: {},
    joins: {},
    trail: [],
    approvedBy: [],
    decisions: 0,
    urgedAt: {},
    seq: 0,
  };
}

/** Live tasks of a state, for callers (e.g. to know who holds an application now). */
export function liveTasks(state: EngineState): EngineTask[] {
  return Object.values(state.tasks);
}

function requireRunning(t: Transition) {
  if (t.state.status !== 'running') refuse('APPLICATION_ENDED');
}

/** The caller's own live task, checked: it exists, is theirs and is open (or suspended, where that is allowed). */
function ownTask(t: Transition, key: string, actor: string, allowSuspended = false): EngineTask {
  requireRunning(t);
  const task = t.state.tasks[key];
  if (!task) return refuse('TASK_ALREADY_HANDLED');
  if (task.assignee !== actor) return refuse('NOT_ASSIGNEE', { nodeId: task.nodeId });
  if (task.status !== 'open' && !allowSuspended) return refuse('TASK_ALREADY_HANDLED', { detail: 'suspended' });
  return task;
}

function allow(t: Transition, task: EngineTask, action: 'approve' | 'reject' | 'sendBack' | 'transfer' | 'delegate' | 'addSigner' | 'removeSigner') {
  const node = t.approverNode(task.nodeId);
  // Helpers (delegates, signers) answer or decide; the node's other powers stay with its approvers.
  if (task.kind === 'delegate' && action !== 'approve') refuse('ACTION_NOT_ALLOWED', { nodeId: task.nodeId, detail: action });
  if ((task.kind === 'signerBefore' || task.kind === 'signerAfter') && action !== 'approve' && action !== 'reject' && action !== 'transfer') {
    refuse('ACTION_NOT_ALLOWED', { nodeId: task.nodeId, detail: action });
  }
  if (!node.actions.includes(action)) refuse('ACTION_NOT_ALLOWED', { nodeId: task.nodeId, detail: action });
  return node;
}

function slotOf(t: Transition, nodeId: string, person: string) {
  return t.state.runs[nodeId]?.slots.find((slot) => slot.person === person && slot.state !== 'removed');
}

/** When the last helper of a task is done: a before-signed task reopens; an after-signed slot counts as approved. */
function helpersDone(t: Transition, forKey: string, kind: EngineTask['kind'], nodeId: string, owner: string) {
  const remaining = Object.values(t.state.tasks).filter((task) => task.forKey === forKey && task.kind === kind);
  if (remaining.length > 0) return;
  if (kind === 'signerAfter') {
    const slot = slotOf(t, nodeId, owner);
    if (slot) slot.state = 'approved';
    t.settle(nodeId);
    return;
  }
  const owned = t.state.tasks[forKey];
  if (owned && owned.status === 'suspended') {
    owned.status = 'open';
    t.effects.push({ type: 'resumeTask', key: forKey });
    t.effects.push({ type: 'notify', people: [owned.assignee], event: 'taskAssigned' });
  }
}

/** People who may not be added to a node again: anyone already live there. */
function assertNewToNode(t: Transition, nodeId: string, people: string[], actor: string) {
  const live = new Set([...(t.state.runs[nodeId]?.slots.filter((s) => s.state !== 'removed').map((s) => s.person) ?? []), ...t.tasksOf(nodeId).map((task) => task.assignee)]);
  if (people.length === 0 || new Set(people).size !== people.length || people.some((p) => p === actor || live.has(p))) refuse('SIGNER_INVALID', { nodeId });
}

function step(t: Transition, action: Action): void {
  const s = t.state;
  switch (action.type) {
    case 'start': {
      if (s.applicant.personId !== '' || s.seq !== 0) refuse('ALREADY_STARTED');
      s.data = { ...action.data };
      s.applicant = structuredClone(action.applicant);
      s.plan = structuredClone(action.plan);
      t.log('submit', action.actor, null);
      t.enterSequence(t.tree.sequences.get('')!, 0);
      return;
    }

    case 'approve': {
      const task = ownTask(t, action.taskKey, action.actor);
      const node = allow(t, task, 'approve');
      if (task.kind === 'approve' && node.opinionRequired.approve && !action.opinion?.trim()) refuse('OPINION_REQUIRED', { nodeId: node.id });
      if (action.fields && Object.keys(action.fields).length > 0) {
        if (task.kind !== 'approve') refuse('FIELD_NOT_WRITABLE', { nodeId: node.id });
        for (const key of Object.keys(action.fields)) if (node.fields[key] !== 'write') refuse('FIELD_NOT_WRITABLE', { nodeId: node.id, detail: key });
        s.data = { ...s.data, ...action.fields };
        t.effects.push({ type: 'dataChanged', fields: action.fields });
      }
      for (const [nodeId, people] of Object.entries(action.chosen ?? {})) {
        const target = t.approverNode(nodeId);
        if (target.assignee.kind !== 'previousApproverChooses' || people.length === 0 || people.length > target.assignee.max) refuse('SIGNER_INVALID', { nodeId });
        s.plan[nodeId] = [...new Set(people)];
      }
      s.decisions++;
      t.closeTask(task.key, 'approved', action.opinion);
      if (task.kind === 'delegate') {
        t.log('answer', action.actor, node.id, action.opinion);
        helpersDone(t, task.forKey!, 'delegate', node.id, task.forPerson!);
        return;
      }
      t.log('approve', action.actor, node.id, action.opinion);
      if (task.kind === 'signerBefore' || task.kind === 'signerAfter') {
        helpersDone(t, task.forKey!, task.kind, node.id, task.forPerson!);
        return;
      }
      const slot = slotOf(t, node.id, action.actor);
      if (slot) slot.state = 'approved';
      t.settle(node.id);
      return;
    }

    case 'reject': {
      const task = ownTask(t, action.taskKey, action.actor);
      const node = allow(t, task, 'reject');
      if (node.opinionRequired.reject && !action.opinion?.trim()) refuse('OPINION_REQUIRED', { nodeId: node.id });
      s.decisions++;
      t.closeTask(task.key, 'rejected', action.opinion);
      t.log('reject', action.actor, node.id, action.opinion);
      const run = s.runs[node.id];
      const slot = slotOf(t, node.id, action.actor);
      // Only a ratio node can absorb a rejection; in every other mode, and from a signer, it ends the application.
      if (run?.mode === 'ratio' && slot && task.kind === 'approve') {
        slot.state = 'rejected';
        t.settle(node.id);
      } else {
        t.finish('rejected');
      }
      return;
    }

    case 'sendBack': {
      const task = ownTask(t, action.taskKey, action.actor);
      const node = allow(t, task, 'sendBack');
      if (task.kind !== 'approve') refuse('ACTION_NOT_ALLOWED', { nodeId: node.id });
      if (!action.opinion?.trim()) refuse('OPINION_REQUIRED', { nodeId: node.id });
      const target = action.target;
      if (target === 'applicant') {
        if (!node.sendBack.targets.includes('applicant')) refuse('SEND_BACK_TARGET_INVALID', { nodeId: node.id });
        s.decisions++;
        t.closeTask(task.key, 'returned', action.opinion);
        t.log('sendBack', action.actor, node.id, action.opinion, { target: 'applicant' });
        t.cancelEverything();
        s.status = 'returned';
        s.returned = { senderNodeId: node.id, resume: node.sendBack.resume };
        t.effects.push({ type: 'notify', people: [s.applicant.personId], event: 'returned' });
        return;
      }
      // 'previous' is the most recent decided node that the sender may return to.
      const targetId =
        target === 'previous' ? [...s.trail].reverse().find((id) => t.sendBackScope(node.id, id) !== null) : target.nodeId;
      const allowed = target === 'previous' ? node.sendBack.targets.includes('previous') : node.sendBack.targets.includes('any');
      const scope = targetId ? t.sendBackScope(node.id, targetId) : null;
      if (!allowed || !targetId || !scope) return refuse('SEND_BACK_TARGET_INVALID', { nodeId: node.id });
      s.decisions++;
      t.closeTask(task.key, 'returned', action.opinion);
      t.log('sendBack', action.actor, node.id, action.opinion, { target: targetId });
      // Everything running inside the sender's element stops: in a parallel
      // block sent back before the block, the sibling branches too.
      t.cancelNodes(t.inside(scope.element));
      s.trail = s.trail.slice(0, s.trail.lastIndexOf(targetId));
      t.enter(t.approverNode(targetId));
      const run = s.runs[targetId];
      if (run && node.sendBack.resume === 'sender') {
        run.resumeAt = node.id;
        run.resumeDepth = scope.depth;
      }
      return;
    }

    case 'resubmit': {
      if (s.status !== 'returned' || !s.returned) refuse(s.status === 'running' ? 'NOT_RETURNED' : 'APPLICATION_ENDED');
      if (action.actor !== s.applicant.personId) refuse('NOT_APPLICANT');
      const { senderNodeId, resume } = s.returned!;
      // The approvers see what changed, field by field.
      const keys = [...new Set([...Object.keys(s.data), ...Object.keys(action.data)])];
      const changes = keys.filter((key) => JSON.stringify(s.data[key]) !== JSON.stringify(action.data[key])).map((key) => ({ key, from: s.data[key] ?? null, to: action.data[key] ?? null }));
      s.status = 'running';
      s.returned = undefined;
      s.data = { ...action.data };
      s.plan = structuredClone(action.plan);
      s.decisions = 0;
      t.log('resubmit', action.actor, null, undefined, { changes });
      if (resume === 'sender') t.enterAt(senderNodeId);
      else {
        s.trail = [];
        t.enterSequence(t.tree.sequences.get('')!, 0);
      }
      return;
    }

    case 'transfer':
    case 'delegate': {
      const task = ownTask(t, action.taskKey, action.actor);
      const node = allow(t, task, action.type);
      if (action.to === action.actor) refuse('SIGNER_INVALID', { nodeId: node.id });
      if (action.type === 'transfer') {
        assertNewToNode(t, node.id, [action.to], action.actor);
        t.closeTask(task.key, 'transferred', action.opinion);
        const slot = slotOf(t, node.id, action.actor);
        if (slot && task.kind === 'approve') slot.person = action.to;
        t.openTask(node.id, action.to, task.kind, task.forKey ? { key: task.forKey, person: task.forPerson! } : undefined);
        t.log('transfer', action.actor, node.id, action.opinion, { to: action.to });
        t.effects.push({ type: 'notify', people: [action.to], event: 'taskAssigned' });
        return;
      }
      if (task.kind !== 'approve') refuse('ACTION_NOT_ALLOWED', { nodeId: node.id });
      assertNewToNode(t, node.id, [action.to], action.actor);
      task.status = 'suspended';
      t.effects.push({ type: 'suspendTask', key: task.key });
      t.openTask(node.id, action.to, 'delegate', { key: task.key, person: action.actor });
      t.log('delegate', action.actor, node.id, action.opinion, { to: action.to });
      t.effects.push({ type: 'notify', people: [action.to], event: 'delegated' });
      return;
    }

    case 'addSigner': {
      const task = ownTask(t, action.taskKey, action.actor);
      const node = allow(t, task, 'addSigner');
      if (task.kind !== 'approve') refuse('ACTION_NOT_ALLOWED', { nodeId: node.id });
      assertNewToNode(t, node.id, action.people, action.actor);
      const run = s.runs[node.id]!;
      t.log('addSigner', action.actor, node.id, action.opinion, { people: action.people, position: action.position });
      if (action.position === 'parallel') {
        for (const person of action.people) {
          const queued = run.mode === 'sequential';
          const at = run.slots.findIndex((slot) => slot.person === action.actor);
          const slot = { person, state: queued ? ('queued' as const) : ('open' as const) };
          if (queued) run.slots.splice(at + 1, 0, slot);
          else run.slots.push(slot);
          if (!queued) t.openTask(node.id, person, 'approve');
        }
        if (run.mode !== 'sequential') t.effects.push({ type: 'notify', people: action.people, event: 'taskAssigned' });
        return;
      }
      if (action.position === 'before') {
        task.status = 'suspended';
        t.effects.push({ type: 'suspendTask', key: task.key });
        for (const person of action.people) t.openTask(node.id, person, 'signerBefore', { key: task.key, person: action.actor });
      } else {
        // After: the actor approves now; their approval counts once the signers approve too.
        s.decisions++;
        t.closeTask(task.key, 'approved', action.opinion);
        t.log('approve', action.actor, node.id, action.opinion);
        const slot = slotOf(t, node.id, action.actor);
        if (slot) slot.state = 'awaitingSigners';
        for (const person of action.people) t.openTask(node.id, person, 'signerAfter', { key: task.key, person: action.actor });
      }
      t.effects.push({ type: 'notify', people: action.people, event: 'taskAssigned' });
      return;
    }

    case 'removeSigner': {
      // Waiting on a signer you added is the moment you may want to remove them.
      const task = ownTask(t, action.taskKey, action.actor, true);
      const node = allow(t, task, 'removeSigner');
      const run = s.runs[node.id]!;
      if (action.person === action.actor) refuse('SIGNER_INVALID', { nodeId: node.id });
      // A helper serving the actor (a signer they added) …
      const helper = Object.values(s.tasks).find((x) => x.nodeId === node.id && x.assignee === action.person && x.forPerson === action.actor && x.kind !== 'delegate');
      if (helper) {
        t.closeTask(helper.key, 'cancelled');
        t.log('removeSigner', action.actor, node.id, action.opinion, { person: action.person });
        helpersDone(t, helper.forKey!, helper.kind, node.id, action.actor);
        return;
      }
      // … or an approver of this node who has not decided yet; at least one approver stays.
      const slot = run.slots.find((x) => x.person === action.person && (x.state === 'open' || x.state === 'queued'));
      const remaining = run.slots.filter((x) => x.state !== 'removed' && x !== slot);
      if (!slot || remaining.length === 0) return refuse('SIGNER_INVALID', { nodeId: node.id });
      slot.state = 'removed';
      for (const x of t.tasksOf(node.id)) if (x.assignee === action.person && x.kind === 'approve') t.closeTask(x.key, 'cancelled');
      t.log('removeSigner', action.actor, node.id, action.opinion, { person: action.person });
      t.settle(node.id);
      return;
    }

    case 'withdraw': {
      if (action.actor !== s.applicant.personId) refuse('NOT_APPLICANT');
      if (s.status !== 'running' && s.status !== 'returned') refuse('APPLICATION_ENDED');
      const nodesAllow = Object.keys(s.runs).length > 0 && Object.keys(s.runs).every((id) => t.approverNode(id).withdrawable);
      if (s.status === 'running' && s.decisions > 0 && !nodesAllow) refuse('WITHDRAW_NOT_ALLOWED');
      t.log('withdraw', action.actor, null, action.opinion);
      const holders = Object.values(s.tasks).map((task) => task.assignee);
      t.finish('withdrawn');
      if (holders.length > 0) t.effects.push({ type: 'notify', people: [...new Set(holders)], event: 'ended' });
      return;
    }

    case 'urge': {
      if (action.actor !== s.applicant.personId) refuse('NOT_APPLICANT');
      requireRunning(t);
      const now = Date.parse(action.at);
      const due = Object.values(s.tasks).filter((task) => task.status === 'open' && (!s.urgedAt[task.key] || now - Date.parse(s.urgedAt[task.key]!) >= URGE_INTERVAL_MS));
      if (due.length === 0) refuse('URGE_TOO_SOON');
      for (const task of due) s.urgedAt[task.key] = action.at;
      t.log('urge', action.actor, null, undefined, { people: due.map((task) => task.assignee) });
      t.effects.push({ type: 'notify', people: [...new Set(due.map((task) => task.assignee))], event: 'urged' });
      return;
    }

    case 'comment': {
      if (!action.opinion.trim()) refuse('OPINION_REQUIRED');
      t.log('comment', action.actor, null, action.opinion);
      return;
    }

    case 'cc': {
      const people = [...new Set(action.people)].filter((p) => p !== action.actor);
      if (people.length === 0) refuse('SIGNER_INVALID');
      t.effects.push({ type: 'cc', people });
      t.effects.push({ type: 'notify', people, event: 'cc' });
      t.log('cc', action.actor, null, action.opinion, { people });
      return;
    }

    // ── administrators (the workflow module checks the role) ──
    case 'reassign': {
      requireRunning(t);
      const task = s.tasks[action.taskKey];
      if (!task) return refuse('TASK_ALREADY_HANDLED');
      assertNewToNode(t, task.nodeId, [action.to], task.assignee);
      t.closeTask(task.key, 'transferred', action.opinion);
      const slot = slotOf(t, task.nodeId, task.assignee);
      if (slot && task.kind === 'approve') slot.person = action.to;
      const reopened = t.openTask(task.nodeId, action.to, task.kind, task.forKey ? { key: task.forKey, person: task.forPerson! } : undefined);
      if (task.status === 'suspended') {
        reopened.status = 'suspended';
        t.effects.push({ type: 'suspendTask', key: reopened.key });
        // Helpers serving the old task now serve the new one.
        for (const helper of Object.values(s.tasks)) {
          if (helper.forKey === task.key) {
            helper.forKey = reopened.key;
            helper.forPerson = action.to;
          }
        }
      }
      t.log('reassign', action.actor, task.nodeId, action.opinion, { from: task.assignee, to: action.to });
      t.effects.push({ type: 'notify', people: [action.to], event: 'taskAssigned' });
      return;
    }
    case 'jump': {
      if (s.status !== 'running' && s.status !== 'returned') refuse('APPLICATION_ENDED');
      t.approverNode(action.nodeId);
      t.log('jump', action.actor, action.nodeId, action.opinion);
      t.cancelEverything();
      s.status = 'running';
      s.returned = undefined;
      t.enterAt(action.nodeId);
      return;
    }
    case 'terminate': {
      if (s.status !== 'running' && s.status !== 'returned') refuse('APPLICATION_ENDED');
      t.log('terminate', action.actor, null, action.opinion);
      t.finish('terminated');
      return;
    }

    case 'timer': {
      const run = s.runs[action.nodeId];
      // A timer of an earlier entry, or of a node already decided, does nothing.
      if (s.status !== 'running' || !run || run.entry !== action.entry) return;
      const node = t.approverNode(action.nodeId);
      const open = t.tasksOf(node.id).filter((task) => task.status === 'open');
      if (action.kind === 'remind' || node.timeLimit?.onTimeout === 'remind') {
        t.effects.push({ type: 'notify', people: open.map((task) => task.assignee), event: 'remind' });
        return;
      }
      t.log('timeout', null, node.id, undefined, { onTimeout: node.timeLimit?.onTimeout });
      if (node.timeLimit?.onTimeout === 'reject') {
        t.finish('rejected');
      } else if (node.timeLimit?.onTimeout === 'approve') {
        for (const slot of run.slots) if (slot.state !== 'removed') slot.state = 'approved';
        t.settle(node.id);
      } else {
        const people = (node.timeLimit?.escalateTo ?? []).filter((p) => !run.slots.some((slot) => slot.person === p && slot.state !== 'removed'));
        for (const person of people) {
          run.slots.push({ person, state: 'open' });
          t.openTask(node.id, person, 'approve');
        }
        if (run.mode === 'all' || run.mode === 'sequential') run.mode = 'any'; // an escalation decides on its own
        t.effects.push({ type: 'notify', people, event: 'taskAssigned' });
      }
      return;
    }
  }
}

/**
 * The engine: a pure, total transition. Given the definition, the current
 * state and an action, it returns the next state and the effects to perform
 * in the same transaction, or an error naming why the action does not apply.
 * Same input, same output; the input state is never changed.
 */
export function advance(definition: ProcessDefinition, state: EngineState, action: Action): AdvanceResult {
  const t = new Transition(definition, state, action.at);
  try {
    step(t, action);
  } catch (error) {
    if (error instanceof EngineFailure) return { ok: false, error: error.error };
    throw error;
  }
  return { ok: true, state: t.state, effects: t.effects };
}
