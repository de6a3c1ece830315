import type { ApproverNode, ProcessDefinition, ProcessNode } from './definition.ts';
import type { Effect, EngineError, LogAction } from './actions.ts';
import { evaluateCondition } from './conditions.ts';
import type { EngineState, EngineTask, NodeRun, Slot } from './state.ts';
import { descendantIds, indexTree, pathTo, type SequenceRef, type TreeIndex } from './tree.ts';

/** Thrown inside a transition to refuse the action; `advance` turns it into a result. */
export class EngineFailure extends Error {
  readonly error: EngineError;
  constructor(error: EngineError) {
    super(error.code);
    this.error = error;
  }
}

export const refuse = (code: EngineError['code'], extra: Omit<EngineError, 'code'> = {}): never => {
  throw new EngineFailure({ code, ...extra });
};

const HOUR_MS = 3_600_000;

/**
 * One transition in progress: a private copy of the state that the action's
 * steps change, and the effects they collect. `advance` makes one per action
 * and returns the copy, so the caller's state is never touched.
 */
export class Transition {
  readonly state: EngineState;
  readonly effects: Effect[] = [];
  readonly tree: TreeIndex;
  readonly definition: ProcessDefinition;
  readonly at: string;

  constructor(definition: ProcessDefinition, state: EngineState, at: string) {
    this.definition = definition;
    this.tree = indexTree(definition);
    this.state = structuredClone(state);
    this.at = at;
  }

  log(action: LogAction, actor: string | null, nodeId: string | null, opinion?: string, detail?: Record<string, unknown>) {
    this.effects.push({ type: 'log', action, actor, nodeId, ...(opinion ? { opinion } : {}), ...(detail ? { detail } : {}) });
  }

  approverNode(nodeId: string): ApproverNode {
    const node = this.tree.nodes.get(nodeId)?.node;
    if (!node || node.type !== 'approver') return refuse('NODE_NOT_FOUND', { nodeId });
    return node;
  }

  // ── tasks ──

  openTask(nodeId: string, assignee: string, kind: EngineTask['kind'], serves?: { key: string; person: string }): EngineTask {
    const key = `t${++this.state.seq}`;
    const forKey = serves?.key;
    const task: EngineTask = { key, nodeId, assignee, kind, status: 'open', ...(serves ? { forKey: serves.key, forPerson: serves.person } : {}) };
    this.state.tasks[key] = task;
    this.effects.push({ type: 'openTask', key, nodeId, assignee, kind, ...(forKey ? { forKey } : {}) });
    return task;
  }

  closeTask(key: string, status: Extract<Effect, { type: 'closeTask' }>['status'], opinion?: string) {
    if (!this.state.tasks[key]) return;
    delete this.state.tasks[key];
    delete this.state.urgedAt[key];
    this.effects.push({ type: 'closeTask', key, status, ...(opinion ? { opinion } : {}) });
  }

  tasksOf(nodeId: string): EngineTask[] {
    return Object.values(this.state.tasks).filter((task) => task.nodeId === nodeId);
  }

  /** Closes every live task of the given nodes (unanswered: 'cancelled') and forgets their runs and joins. */
  cancelNodes(nodeIds: Iterable<string>) {
    const ids = new Set(nodeIds);
    for (const task of Object.values(this.state.tasks)) if (ids.has(task.nodeId)) this.closeTask(task.key, 'cancelled');
    for (const id of ids) {
      delete this.state.runs[id];
      delete this.state.joins[id];
    }
  }

  cancelEverything() {
    this.cancelNodes([...Object.keys(this.state.runs), ...Object.values(this.state.tasks).map((t) => t.nodeId), ...Object.keys(this.state.joins)]);
  }

  /** Ends the application with an outcome; nothing stays pending. */
  finish(outcome: 'approved' | 'rejected' | 'withdrawn' | 'terminated') {
    this.cancelEverything();
    this.state.status = outcome;
    this.state.returned = undefined;
    if (outcome === 'approved') this.log('complete', null, null);
    this.effects.push({ type: 'finished', outcome });
    this.effects.push({ type: 'notify', people: [this.state.applicant.personId], event: 'ended' });
  }

  // ── entering nodes ──

  /** The people of an approver node after the applicant, repeat and empty rules. */
  private peopleFor(node: ApproverNode): { people: string[]; passed: boolean } {
    const resolved = this.state.plan[node.id];
    if (node.assignee.kind === 'previousApproverChooses' && resolved === undefined) return refuse('CHOICE_REQUIRED', { nodeId: node.id });
    let people = [...new Set(resolved ?? [])];
    if (people.length === 0) {
      if (node.onEmpty.action === 'pass') return { people: [], passed: true };
      if (node.onEmpty.action === 'admin') return { people: [...new Set(node.onEmpty.personIds)], passed: false };
      return refuse('ASSIGNEE_NOT_FOUND', { nodeId: node.id });
    }
    const applicant = this.state.applicant.personId;
    if (people.includes(applicant) && node.onApplicant !== 'approve') {
      const head = this.state.applicant.headPersonId;
      people = people.flatMap((person) => (person !== applicant ? [person] : node.onApplicant === 'head' && head && head !== applicant ? [head] : []));
      people = [...new Set(people)];
    }
    if (node.onRepeat === 'pass') people = people.filter((person) => !this.state.approvedBy.includes(person));
    return people.length === 0 ? { people, passed: true } : { people, passed: false };
  }

  private enterApprover(node: ApproverNode) {
    // Entering a node again (a rerun, a resubmit, a jump) forgets its earlier decision.
    this.state.trail = this.state.trail.filter((id) => id !== node.id);
    const { people, passed } = this.peopleFor(node);
    if (passed) {
      this.log('autoPass', null, node.id);
      this.continueAfter(node.id);
      return;
    }
    // A chain of heads is, by its nature, one after another.
    const mode = node.assignee.kind === 'departmentHead' && node.assignee.chain ? 'sequential' : node.mode;
    const entry = ++this.state.seq;
    const slots: Slot[] = people.map((person, i) => ({ person, state: mode === 'sequential' && i > 0 ? 'queued' : 'open' }));
    const run: NodeRun = { nodeId: node.id, entry, mode, ...(mode === 'ratio' ? { ratio: node.ratio ?? 1 } : {}), slots };
    this.state.runs[node.id] = run;
    const opened = slots.filter((slot) => slot.state === 'open').map((slot) => this.openTask(node.id, slot.person, 'approve').assignee);
    this.effects.push({ type: 'notify', people: opened, event: 'taskAssigned' });
    if (node.timeLimit) {
      const start = Date.parse(this.at);
      const due = start + node.timeLimit.hours * HOUR_MS;
      if (node.timeLimit.remindBeforeHours && node.timeLimit.remindBeforeHours < node.timeLimit.hours) {
        this.effects.push({ type: 'schedule', kind: 'remind', nodeId: node.id, entry, at: new Date(due - node.timeLimit.remindBeforeHours * HOUR_MS).toISOString() });
      }
      this.effects.push({ type: 'schedule', kind: 'timeout', nodeId: node.id, entry, at: new Date(due).toISOString() });
    }
  }

  /** Enters a node: approvers open tasks; CC, condition and parallel nodes pass on at once. */
  enter(node: ProcessNode) {
    switch (node.type) {
      case 'approver':
        this.enterApprover(node);
        return;
      case 'cc': {
        const people = [...new Set(this.state.plan[node.id] ?? [])];
        if (people.length > 0) {
          this.effects.push({ type: 'cc', people });
          this.effects.push({ type: 'notify', people, event: 'cc' });
          this.log('cc', null, node.id, undefined, { people });
        }
        this.continueAfter(node.id);
        return;
      }
      case 'condition': {
        const branch =
          node.branches.find((b) => b.when !== undefined && evaluateCondition(b.when, this.state.data, this.state.applicant)) ??
          node.branches.find((b) => b.when === undefined);
        if (!branch || branch.nodes.length === 0) this.continueAfter(node.id);
        else this.enter(branch.nodes[0]!);
        return;
      }
      case 'parallel': {
        const branches = node.branches.filter((b) => b.nodes.length > 0);
        if (branches.length === 0) {
          this.continueAfter(node.id);
          return;
        }
        // The join is set before any branch runs: a branch that passes at once leaves it correctly.
        this.state.joins[node.id] = branches.map((b) => b.id);
        for (const branch of branches) if (this.state.status === 'running') this.enter(branch.nodes[0]!);
        return;
      }
    }
  }

  /** Enters the sequence at `index`, or finishes it. */
  enterSequence(sequence: SequenceRef, index: number) {
    const node = sequence.nodes[index];
    if (node) this.enter(node);
    else this.sequenceDone(sequence);
  }

  private sequenceDone(sequence: SequenceRef) {
    if (sequence.containerId === null) {
      this.finish('approved');
      return;
    }
    const container = this.tree.nodes.get(sequence.containerId)!.node;
    if (container.type === 'parallel') {
      const waiting = (this.state.joins[container.id] ?? []).filter((id) => id !== sequence.branchId);
      if (waiting.length > 0) {
        this.state.joins[container.id] = waiting;
        return;
      }
      delete this.state.joins[container.id];
    }
    this.continueAfter(container.id);
  }

  /** Moves on from a finished node to what follows it in the tree. */
  continueAfter(nodeId: string) {
    const entry = this.tree.nodes.get(nodeId)!;
    this.enterSequence(entry.sequence, entry.index + 1);
  }

  /**
   * Enters the tree at a given node, as if the path to it had been taken:
   * containers on the way are entered too (a parallel block starts its other
   * branches from their beginning).
   */
  enterAt(nodeId: string, fromDepth = 0) {
    const path = pathTo(this.tree, nodeId);
    const step = (depth: number) => {
      const { sequence, index } = path[depth]!;
      const node = sequence.nodes[index]!;
      if (depth === path.length - 1) {
        this.enter(node);
        return;
      }
      const inner = path[depth + 1]!.sequence;
      if (node.type === 'parallel') {
        const branches = node.branches.filter((b) => b.nodes.length > 0);
        this.state.joins[node.id] = branches.map((b) => b.id);
        for (const branch of branches) {
          if (this.state.status !== 'running') return;
          if (branch.id === inner.branchId) step(depth + 1);
          else this.enter(branch.nodes[0]!);
        }
      } else {
        step(depth + 1);
      }
    };
    step(fromDepth);
  }

  // ── deciding nodes ──

  /** Checks whether a running node has decided; if so, closes it and moves on. */
  settle(nodeId: string) {
    const run = this.state.runs[nodeId];
    if (!run || this.state.status !== 'running') return;
    const live = run.slots.filter((slot) => slot.state !== 'removed');
    const approved = live.filter((slot) => slot.state === 'approved').length;
    const rejected = live.filter((slot) => slot.state === 'rejected').length;
    const needed = run.mode === 'any' ? 1 : run.mode === 'ratio' ? Math.max(1, Math.ceil((run.ratio ?? 1) * live.length - 1e-9)) : live.length;
    if (approved >= needed) {
      this.completeNode(run);
      return;
    }
    if (live.length - rejected < needed) {
      this.finish('rejected');
      return;
    }
    if (run.mode === 'sequential' && !live.some((slot) => slot.state === 'open' || slot.state === 'awaitingSigners')) {
      const next = run.slots.find((slot) => slot.state === 'queued');
      if (next) {
        next.state = 'open';
        this.openTask(nodeId, next.person, 'approve');
        this.effects.push({ type: 'notify', people: [next.person], event: 'taskAssigned' });
      }
    }
  }

  private completeNode(run: NodeRun) {
    // The others' tasks end unanswered: they are not listed as decided by them.
    for (const task of this.tasksOf(run.nodeId)) this.closeTask(task.key, 'cancelled');
    delete this.state.runs[run.nodeId];
    this.state.trail.push(run.nodeId);
    for (const slot of run.slots) if (slot.state === 'approved' && !this.state.approvedBy.includes(slot.person)) this.state.approvedBy.push(slot.person);
    if (run.resumeAt) this.enterAt(run.resumeAt, run.resumeDepth ?? 0);
    else this.continueAfter(run.nodeId);
  }

  /**
   * Send-back geometry: the target must be an approver node decided earlier
   * in this run that precedes the sender — in the sender's sequence, in one
   * enclosing it, or inside a condition branch taken before it (never inside
   * another parallel branch). Returns the element of the shared sequence that
   * contains the sender (everything running inside it is cancelled) and that
   * sequence's depth, or null when the target is not allowed.
   */
  sendBackScope(senderId: string, targetId: string): { element: ProcessNode; depth: number } | null {
    if (!this.state.trail.includes(targetId) || !this.tree.nodes.has(targetId)) return null;
    const pathS = pathTo(this.tree, senderId);
    const pathT = pathTo(this.tree, targetId);
    let depth = 0;
    while (depth < pathS.length && depth < pathT.length && pathS[depth]!.sequence === pathT[depth]!.sequence && pathS[depth]!.index === pathT[depth]!.index) depth++;
    if (depth >= pathS.length || depth >= pathT.length) return null;
    if (pathS[depth]!.sequence !== pathT[depth]!.sequence || pathT[depth]!.index >= pathS[depth]!.index) return null;
    for (let i = depth; i < pathT.length - 1; i++) {
      if (pathT[i]!.sequence.nodes[pathT[i]!.index]!.type !== 'condition') return null;
    }
    return { element: pathS[depth]!.sequence.nodes[pathS[depth]!.index]!, depth };
  }

  /** Everything inside a node, for cancelling. */
  inside(node: ProcessNode): string[] {
    return descendantIds(node);
  }
}
