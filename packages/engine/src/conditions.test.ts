import { describe, expect, it } from 'vitest';
import { evaluateCondition, type ApplicantContext } from './conditions.ts';

const applicant: ApplicantContext = { personId: 'p1', kind: 'student', departmentId: 'd1', classId: null, roles: [] };

describe('branch conditions on money', () => {
  // Money is stored as exact text with two decimals; a branch compares it with a number, like 报销金额 > 5000.
  it.each([
    ['5000.01', 'gt', 5000, true],
    ['5000.00', 'gt', 5000, false],
    ['5000.00', 'gte', 5000, true],
    ['4999.99', 'lt', 5000, true],
    ['5000.00', 'eq', 5000, true],
    ['5000.00', 'ne', 5000, false],
    ['-12.50', 'lt', 0, true],
  ] as const)('%s %s %d is %s', (amount, op, value, expected) => {
    expect(evaluateCondition({ field: 'amount', op, value }, { amount }, applicant)).toBe(expected);
  });

  it('leaves text that is not a number, and dates, compared as text', () => {
    expect(evaluateCondition({ field: 'amount', op: 'gt', value: 5000 }, { amount: '六千' }, applicant)).toBe(false);
    expect(evaluateCondition({ field: 'day', op: 'gt', value: '2026-01-01' }, { day: '2026-03-09' }, applicant)).toBe(true);
    expect(evaluateCondition({ field: 'amount', op: 'eq', value: '5000.00' }, { amount: '5000.00' }, applicant)).toBe(true);
  });
});
