import { compareValues } from '@onehall/forms';
import type { Condition } from './definition.ts';

/** Who applied, as far as conditions and assignee rules need to know. */
export interface ApplicantContext {
  personId: string;
  kind: string;
  departmentId: string | null;
  classId: string | null;
  roles: string[];
}

export type FormData = Record<string, unknown>;

/** Evaluates a branch condition against the form data and the applicant. Total: unknown fields are empty. */
export function evaluateCondition(condition: Condition, data: FormData, applicant: ApplicantContext): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, data, applicant));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, data, applicant));
  if ('not' in condition) return !evaluateCondition(condition.not, data, applicant);
  if ('field' in condition) return compareValues(data[condition.field], condition.op, condition.value);
  const value = condition.applicant === 'role' ? applicant.roles : condition.applicant === 'kind' ? applicant.kind : condition.applicant === 'departmentId' ? applicant.departmentId : applicant.classId;
  return compareValues(value, condition.op, condition.value);
}
