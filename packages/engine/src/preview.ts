import type { ProcessDefinition, ProcessNode } from './definition.ts';
import { evaluateCondition, type ApplicantContext, type FormData } from './conditions.ts';

export interface PreviewStep {
  nodeId: string;
  name: string;
  type: 'approver' | 'cc';
  mode?: 'any' | 'all' | 'sequential' | 'ratio' | undefined;
  people: string[];
  /** Will pass on its own (nobody left after the rules, and the node allows it). */
  autoPass: boolean;
  /** Has nobody and refuses: the submit would be refused. */
  blocked: boolean;
  /** The parallel branch it runs in, if any. */
  branch?: string | undefined;
  /** Its approvers are chosen by the previous approver, later. */
  chosenLater: boolean;
}

/**
 * The path an application would take for this applicant and form data: each
 * approver and CC node on it with its concrete people, shown before submit.
 * Mirrors how the engine enters nodes (conditions, rules), without tasks.
 */
export function previewPath(definition: ProcessDefinition, input: { data: FormData; applicant: ApplicantContext & { headPersonId?: string | null }; plan: Record<string, string[]> }): PreviewStep[] {
  const steps: PreviewStep[] = [];
  const approved = new Set<string>();
  const walk = (nodes: ProcessNode[], branch?: string) => {
    for (const node of nodes) {
      if (node.type === 'condition') {
        const taken = node.branches.find((b) => b.when !== undefined && evaluateCondition(b.when, input.data, input.applicant)) ?? node.branches.find((b) => b.when === undefined);
        if (taken) walk(taken.nodes, branch);
      } else if (node.type === 'parallel') {
        for (const b of node.branches) walk(b.nodes, b.name);
      } else if (node.type === 'cc') {
        steps.push({ nodeId: node.id, name: node.name, type: 'cc', people: [...new Set(input.plan[node.id] ?? [])], autoPass: false, blocked: false, branch, chosenLater: false });
      } else {
        const chosenLater = node.assignee.kind === 'previousApproverChooses' && input.plan[node.id] === undefined;
        let people = [...new Set(input.plan[node.id] ?? [])];
        let blocked = false;
        if (people.length === 0 && !chosenLater) {
          if (node.onEmpty.action === 'admin') people = [...node.onEmpty.personIds];
          else blocked = node.onEmpty.action === 'refuse';
        }
        const original = people.length;
        const me = input.applicant.personId;
        if (people.includes(me) && node.onApplicant !== 'approve') {
          const head = input.applicant.headPersonId;
          people = [...new Set(people.flatMap((p) => (p !== me ? [p] : node.onApplicant === 'head' && head && head !== me ? [head] : [])))];
        }
        if (node.onRepeat === 'pass') people = people.filter((p) => !approved.has(p));
        const autoPass = !chosenLater && ((original === 0 && node.onEmpty.action === 'pass') || (original > 0 && people.length === 0));
        for (const p of people) approved.add(p);
        steps.push({ nodeId: node.id, name: node.name, type: 'approver', mode: node.mode, people, autoPass, blocked, branch, chosenLater });
      }
    }
  };
  walk(definition.nodes);
  return steps;
}
