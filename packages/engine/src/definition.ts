import { z } from 'zod';

/**
 * A process definition: JSON data, stored versioned in the database. It is a
 * tree: the top level is a sequence of nodes run in order between an
 * implicit start and end; condition and parallel nodes hold branches, each a
 * sequence of its own. This is the Chinese approval model (钉钉/飞书 style),
 * not BPMN: there are no arbitrary arrows, so every path is well nested.
 */

const nodeId = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_-]{0,39}$/, 'node id: a letter, then letters, digits, _ or -');
const personIds = z.array(z.uuid()).min(1);

export const assigneeRuleSchema = z.discriminatedUnion('kind', [
  /** Named people. */
  z.object({ kind: z.literal('people'), personIds }),
  /** Everyone holding a role; with scope 'applicantDepartment' only those holding it in the applicant's department. */
  z.object({ kind: z.literal('role'), role: z.string().min(1), scope: z.enum(['all', 'applicantDepartment']).default('all') }),
  /**
   * The head of the applicant's department `levels` steps up (1 = own department).
   * With `chain`, every head from level 1 up to `levels`, one after another.
   */
  z.object({ kind: z.literal('departmentHead'), levels: z.number().int().min(1).max(5).default(1), chain: z.boolean().default(false) }),
  /** The counsellor (辅导员) of the applicant's class. */
  z.object({ kind: z.literal('counsellor') }),
  /** The people named in a person field of the form. */
  z.object({ kind: z.literal('personField'), field: z.string().min(1) }),
  /** The head of the department named in a department field of the form. */
  z.object({ kind: z.literal('departmentHeadOfField'), field: z.string().min(1), levels: z.number().int().min(1).max(5).default(1) }),
  /** Chosen by the applicant when submitting. */
  z.object({ kind: z.literal('applicantChooses'), max: z.number().int().min(1).max(20).default(1) }),
  /** Chosen by the approver of the previous node when approving. */
  z.object({ kind: z.literal('previousApproverChooses'), max: z.number().int().min(1).max(20).default(1) }),
  /** The applicant themself (e.g. to confirm a result). */
  z.object({ kind: z.literal('applicant') }),
]);
export type AssigneeRule = z.infer<typeof assigneeRuleSchema>;

/** Every action an approver node can allow. */
export const nodeActions = ['approve', 'reject', 'sendBack', 'transfer', 'delegate', 'addSigner', 'removeSigner', 'comment', 'cc'] as const;
export type NodeAction = (typeof nodeActions)[number];

export const fieldPermissionSchema = z.enum(['hidden', 'read', 'write']);
export type FieldPermission = z.infer<typeof fieldPermissionSchema>;

export const approverNodeSchema = z.object({
  id: nodeId,
  type: z.literal('approver'),
  name: z.string().min(1).max(40),
  assignee: assigneeRuleSchema,
  /** 或签 any one decides; 会签 all must approve; 依次 one after another; ratio: at least `ratio` of them approve. */
  mode: z.enum(['any', 'all', 'sequential', 'ratio']).default('any'),
  ratio: z.number().gt(0).max(1).optional(),
  /** Nobody resolved: pass automatically, go to named administrators, or refuse the submit. */
  onEmpty: z
    .discriminatedUnion('action', [
      z.object({ action: z.literal('pass') }),
      z.object({ action: z.literal('admin'), personIds }),
      z.object({ action: z.literal('refuse') }),
    ])
    .default({ action: 'refuse' }),
  /** The applicant is among the approvers: approve normally, pass them, or send to their own head instead. */
  onApplicant: z.enum(['approve', 'pass', 'head']).default('approve'),
  /** An approver already approved earlier in this application: pass them, or approve again. */
  onRepeat: z.enum(['approve', 'pass']).default('approve'),
  /** Field permissions at this node; fields not named are read-only. */
  fields: z.record(z.string(), fieldPermissionSchema).default({}),
  opinionRequired: z.object({ approve: z.boolean().default(false), reject: z.boolean().default(true) }).default({ approve: false, reject: true }),
  actions: z.array(z.enum(nodeActions)).min(1).default([...nodeActions]),
  /** Where this node may send an application back, and where it resumes after. */
  sendBack: z
    .object({
      targets: z.array(z.enum(['applicant', 'previous', 'any'])).default(['applicant', 'previous', 'any']),
      /** 'sender': after the target decides, go straight back to this node; 'rerun': run every node again from the target. */
      resume: z.enum(['sender', 'rerun']).default('rerun'),
    })
    .default({ targets: ['applicant', 'previous', 'any'], resume: 'rerun' }),
  /** The applicant may withdraw while this node is waiting, even after earlier decisions. */
  withdrawable: z.boolean().default(false),
  timeLimit: z
    .object({
      hours: z.number().positive().max(24 * 90),
      remindBeforeHours: z.number().positive().optional(),
      onTimeout: z.enum(['remind', 'escalate', 'approve', 'reject']).default('remind'),
      escalateTo: z.array(z.uuid()).optional(),
    })
    .optional(),
});
export type ApproverNode = z.infer<typeof approverNodeSchema>;

export const ccNodeSchema = z.object({ id: nodeId, type: z.literal('cc'), name: z.string().min(1).max(40), assignee: assigneeRuleSchema });
export type CcNode = z.infer<typeof ccNodeSchema>;

const comparable = z.union([z.string(), z.number(), z.boolean()]);

/** A condition on the form or on the applicant. */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { field: string; op: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'notIn' | 'contains' | 'empty' | 'notEmpty'; value?: unknown }
  | { applicant: 'kind' | 'departmentId' | 'classId' | 'role'; op: 'eq' | 'ne' | 'in' | 'notIn'; value: unknown };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(conditionSchema).min(1) }),
    z.object({ any: z.array(conditionSchema).min(1) }),
    z.object({ not: conditionSchema }),
    z.object({
      field: z.string().min(1),
      op: z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'contains', 'empty', 'notEmpty']),
      value: z.union([comparable, z.array(comparable)]).optional(),
    }),
    z.object({ applicant: z.enum(['kind', 'departmentId', 'classId', 'role']), op: z.enum(['eq', 'ne', 'in', 'notIn']), value: z.union([comparable, z.array(comparable)]) }),
  ]),
);

export type ProcessNode = ApproverNode | CcNode | ConditionNode | ParallelNode;
/** A node as written by hand, before defaults are filled in. */
export type ProcessNodeInput =
  | z.input<typeof approverNodeSchema>
  | z.input<typeof ccNodeSchema>
  | { id: string; type: 'condition'; name: string; branches: { id: string; name: string; when?: Condition | undefined; nodes: ProcessNodeInput[] }[] }
  | { id: string; type: 'parallel'; name: string; branches: { id: string; name: string; nodes: ProcessNodeInput[] }[] };

export interface ConditionBranch {
  id: string;
  name: string;
  /** No condition: the default branch, taken when no other matches. */
  when?: Condition | undefined;
  nodes: ProcessNode[];
}
export interface ConditionNode {
  id: string;
  type: 'condition';
  name: string;
  branches: ConditionBranch[];
}
export interface ParallelBranch {
  id: string;
  name: string;
  nodes: ProcessNode[];
}
export interface ParallelNode {
  id: string;
  type: 'parallel';
  name: string;
  branches: ParallelBranch[];
}

const sequenceSchema: z.ZodType<ProcessNode[], ProcessNodeInput[]> = z.lazy(() => z.array(nodeSchema).max(100));

export const nodeSchema: z.ZodType<ProcessNode, ProcessNodeInput> = z.lazy(() =>
  z.discriminatedUnion('type', [
    approverNodeSchema,
    ccNodeSchema,
    z.object({
      id: nodeId,
      type: z.literal('condition'),
      name: z.string().min(1).max(40),
      branches: z.array(z.object({ id: nodeId, name: z.string().min(1).max(40), when: conditionSchema.optional(), nodes: sequenceSchema })).max(20),
    }),
    z.object({
      id: nodeId,
      type: z.literal('parallel'),
      name: z.string().min(1).max(40),
      branches: z.array(z.object({ id: nodeId, name: z.string().min(1).max(40), nodes: sequenceSchema })).max(20),
    }),
  ]) as unknown as z.ZodType<ProcessNode, ProcessNodeInput>,
);

export const processDefinitionSchema = z.object({ nodes: z.array(nodeSchema).min(1).max(100) });
export interface ProcessDefinition {
  nodes: ProcessNode[];
}
/** A definition as written by hand, before defaults are filled in. */
export interface ProcessDefinitionInput {
  nodes: ProcessNodeInput[];
}
