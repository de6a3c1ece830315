import { evaluateCondition } from './conditions.ts';
import type { ProcessDefinition, ProcessNode } from './definition.ts';
import type { EngineState } from './state.ts';
import { Transition } from './transition.ts';
import { indexTree, type SequenceRef } from './tree.ts';

/**
 * Read-only questions about a state, answered with the same rules the
 * transitions use, so the UI offers exactly what the engine will accept.
 */

/** The earlier nodes an approver at `nodeId` may send the application back to, most recent first. */
export function sendBackTargets(definition: ProcessDefinition, state: EngineState, nodeId: string): string[] {
  if (state.status !== 'running') return [];
  const t = new Transition(definition, state, new Date(0).toISOString());
  return [...state.trail].reverse().filter((id) => id !== nodeId && t.sendBackScope(nodeId, id) !== null);
}

/** Whether the applicant may withdraw now: before the first decision, when sent back, or where every waiting node allows it. */
export function canWithdraw(definition: ProcessDefinition, state: EngineState): boolean {
  if (state.status === 'returned') return true;
  if (state.status !== 'running') return false;
  if (state.decisions === 0) return true;
  const t = new Transition(definition, state, new Date(0).toISOString());
  const running = Object.keys(state.runs);
  return running.length > 0 && running.every((id) => t.approverNode(id).withdrawable);
}

/** People an approver may remove at their node: undecided co-approvers, and signers serving them. */
export function removablePeople(state: EngineState, nodeId: string, actor: string): string[] {
  const run = state.runs[nodeId];
  if (!run) return [];
  const live = run.slots.filter((slot) => slot.state !== 'removed');
  const coApprovers = live.length > 1 ? live.filter((slot) => slot.person !== actor && (slot.state === 'open' || slot.state === 'queued')).map((slot) => slot.person) : [];
  const helpers = Object.values(state.tasks).filter((task) => task.nodeId === nodeId && task.forPerson === actor && task.kind !== 'delegate').map((task) => task.assignee);
  return [...new Set([...coApprovers, ...helpers])];
}

/**
 * The approver nodes, chosen by the previous approver and not chosen yet,
 * that the application reaches next once `nodeId` is done: the approver at
 * `nodeId` is the one to choose their people. Walks forward as the engine
 * would enter nodes (CC nodes pass, the condition branch the data selects,
 * every branch of a parallel block) and stops at the first approver node on
 * each path.
 */
export function nodesToChooseAfter(definition: ProcessDefinition, state: EngineState, nodeId: string): string[] {
  const tree = indexTree(definition);
  const found = new Set<string>();
  const after = (id: string): void => {
    const entry = tree.nodes.get(id);
    if (entry) fromSequence(entry.sequence, entry.index + 1);
  };
  const fromSequence = (sequence: SequenceRef, index: number): void => {
    const node = sequence.nodes[index];
    if (node) visit(node);
    else if (sequence.containerId !== null) after(sequence.containerId);
  };
  const visit = (node: ProcessNode): void => {
    switch (node.type) {
      case 'approver':
        if (node.assignee.kind === 'previousApproverChooses' && state.plan[node.id] === undefined) found.add(node.id);
        return;
      case 'cc':
        return after(node.id);
      case 'condition': {
        const branch = node.branches.find((b) => b.when !== undefined && evaluateCondition(b.when, state.data, state.applicant)) ?? node.branches.find((b) => b.when === undefined);
        return branch && branch.nodes.length > 0 ? visit(branch.nodes[0]!) : after(node.id);
      }
      case 'parallel': {
        const branches = node.branches.filter((b) => b.nodes.length > 0);
        if (branches.length === 0) return after(node.id);
        for (const branch of branches) visit(branch.nodes[0]!);
        return;
      }
    }
  };
  after(nodeId);
  return [...found];
}
