import { indexTree, type ApplicantContext, type AssigneeRule, type ProcessDefinition, type ProcessNode } from '@onehall/engine';
import type { IdentityService } from '../identity/identity.service.ts';

export type Applicant = ApplicantContext & { headPersonId: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Person or department ids held in a form field (one id, or a list). */
function idsInField(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is string => typeof v === 'string' && UUID.test(v));
}

/** Whether any node passes work from the applicant to their own head (the only use of `headPersonId`). */
export function needsApplicantHead(definition: ProcessDefinition): boolean {
  return indexTree(definition).approvers.some((node) => node.onApplicant === 'head');
}

/**
 * Who the applicant is, for conditions and rules: kind, department, class,
 * roles and — only when the process needs it — their own head. Also the name,
 * for the application's title.
 */
export async function describeApplicant(personId: string, identity: IdentityService, options: { needHead: boolean }): Promise<{ applicant: Applicant; name: string }> {
  const [profile, roles] = await Promise.all([identity.findPersonProfile(personId), identity.findRoleCodes(personId)]);
  const departmentId = profile?.department_id ?? null;
  // The applicant's own head: the head of their department, or of the one above when they head it themselves.
  const chain = departmentId && options.needHead ? await identity.findDepartmentHeadChain(departmentId, 3) : [];
  return {
    applicant: {
      personId,
      kind: profile?.kind ?? 'student',
      departmentId,
      classId: profile?.class_id ?? null,
      roles,
      headPersonId: chain.find((head) => head !== personId) ?? null,
    },
    name: profile?.name ?? '',
  };
}

/** Turns one node's assignee rule into concrete, active people. Rules decided later resolve to undefined. */
async function resolveRule(rule: AssigneeRule, applicant: Applicant, data: Record<string, unknown>, chosen: Record<string, string[]>, nodeId: string, identity: IdentityService): Promise<string[] | undefined> {
  const active = async (ids: string[]) => {
    const people = await identity.findPeopleNames(ids);
    return [...new Set(ids)].filter((id) => people.get(id)?.active);
  };
  switch (rule.kind) {
    case 'people':
      return active(rule.personIds);
    case 'role':
      if (rule.scope === 'applicantDepartment') return applicant.departmentId ? identity.findPeopleWithRole(rule.role, applicant.departmentId) : [];
      return identity.findPeopleWithRole(rule.role, null);
    case 'departmentHead': {
      if (!applicant.departmentId) return [];
      if (rule.chain) return identity.findDepartmentHeadChain(applicant.departmentId, rule.levels);
      const head = await identity.findDepartmentHead(applicant.departmentId, rule.levels);
      return head ? [head] : [];
    }
    case 'counsellor': {
      const counsellor = applicant.classId ? await identity.findCounsellor(applicant.classId) : null;
      return counsellor ? [counsellor] : [];
    }
    case 'personField':
      return active(idsInField(data[rule.field]));
    case 'departmentHeadOfField': {
      const heads = await Promise.all(idsInField(data[rule.field]).map((departmentId) => identity.findDepartmentHead(departmentId, rule.levels)));
      return active(heads.filter((head): head is string => head !== null));
    }
    case 'applicantChooses':
      return active((chosen[nodeId] ?? []).slice(0, rule.max));
    case 'previousApproverChooses':
      return undefined; // chosen when the previous approver approves
    case 'applicant':
      return [applicant.personId];
  }
}

function approverAndCcNodes(nodes: ProcessNode[]): Extract<ProcessNode, { assignee: AssigneeRule }>[] {
  return nodes.flatMap((node) => (node.type === 'condition' || node.type === 'parallel' ? node.branches.flatMap((b) => approverAndCcNodes(b.nodes)) : [node]));
}

/**
 * The concrete people of every approver and CC node for this applicant and
 * form data, resolved at submit (and again at resubmit): the engine stays
 * pure, and the path the applicant was shown is the path the application takes.
 */
export async function resolvePlan(definition: ProcessDefinition, applicant: Applicant, data: Record<string, unknown>, chosen: Record<string, string[]>, identity: IdentityService): Promise<Record<string, string[]>> {
  const plan: Record<string, string[]> = {};
  for (const node of approverAndCcNodes(definition.nodes)) {
    const people = await resolveRule(node.assignee, applicant, data, chosen, node.id, identity);
    if (people !== undefined) plan[node.id] = people;
  }
  return plan;
}
