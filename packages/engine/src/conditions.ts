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

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

function compare(left: unknown, op: string, right: unknown): boolean {
  const list = Array.isArray(right) ? right : [right];
  switch (op) {
    case 'eq':
      return Array.isArray(left) ? false : left === right;
    case 'ne':
      return left !== right;
    case 'in':
      return Array.isArray(left) ? left.some((v) => list.includes(v)) : list.includes(left);
    case 'notIn':
      return Array.isArray(left) ? !left.some((v) => list.includes(v)) : !list.includes(left);
    case 'contains':
      return Array.isArray(left) ? left.includes(right) : typeof left === 'string' && typeof right === 'string' && left.includes(right);
    case 'empty':
      return isEmpty(left);
    case 'notEmpty':
      return !isEmpty(left);
  }
  // Ordering compares numbers as numbers and ISO dates as strings; mixed types never match.
  if (typeof left === 'number' && typeof right === 'number') {
    return op === 'gt' ? left > right : op === 'gte' ? left >= right : op === 'lt' ? left < right : left <= right;
  }
  if (typeof left === 'string' && typeof right === 'string') {
    return op === 'gt' ? left > right : op === 'gte' ? left >= right : op === 'lt' ? left < right : left <= right;
  }
  return false;
}

/** Evaluates a branch condition against the form data and the applicant. Total: unknown fields are empty. */
export function evaluateCondition(condition: Condition, data: FormData, applicant: ApplicantContext): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, data, applicant));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, data, applicant));
  if ('not' in condition) return !evaluateCondition(condition.not, data, applicant);
  if ('field' in condition) return compare(data[condition.field], condition.op, condition.value);
  const value = condition.applicant === 'role' ? applicant.roles : condition.applicant === 'kind' ? applicant.kind : condition.applicant === 'departmentId' ? applicant.departmentId : applicant.classId;
  return compare(value, condition.op, condition.value);
}
