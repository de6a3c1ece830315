import type { AssigneeRule, ProcessDefinition } from '@onehall/engine';
import type { IdentityService } from '../identity/identity.service.ts';

export interface Applicant {
  personId: string;
  departmentId: string | null;
}

/** Turns one node's assignee rule into concrete, active people. */
async function resolveRule(rule: AssigneeRule, applicant: Applicant, identity: IdentityService): Promise<string[]> {
  switch (rule.kind) {
    case 'people': {
      const people = await identity.findPeopleNames(rule.personIds);
      return rule.personIds.filter((id) => people.get(id)?.active);
    }
    case 'role':
      if (rule.scope === 'applicantDepartment') {
        return applicant.departmentId ? identity.findPeopleWithRole(rule.role, applicant.departmentId) : [];
      }
      return identity.findPeopleWithRole(rule.role, null);
    case 'departmentHead': {
      if (!applicant.departmentId) return [];
      const head = await identity.findDepartmentHead(applicant.departmentId, rule.levels);
      return head ? [head] : [];
    }
  }
}

/**
 * The concrete approvers of every node for this applicant, resolved once at
 * submit: the engine stays pure, and the path the applicant was shown is the
 * path the application takes.
 */
export async function resolvePlan(definition: ProcessDefinition, applicant: Applicant, identity: IdentityService): Promise<Record<string, string[]>> {
  const plan: Record<string, string[]> = {};
  for (const node of definition.nodes) plan[node.id] = await resolveRule(node.assignee, applicant, identity);
  return plan;
}
