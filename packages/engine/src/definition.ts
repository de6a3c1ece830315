import { z } from 'zod';

/**
 * A process definition: JSON data, stored versioned in the database. It is a
 * tree of nodes: the top level is a sequence run in order, between an implicit
 * start and end. Today a node is an approver node; condition, parallel and CC
 * nodes join this union in the engine issue, each holding sequences of its own.
 */

export const assigneeRuleSchema = z.discriminatedUnion('kind', [
  /** Named people, by person id. */
  z.object({ kind: z.literal('people'), personIds: z.array(z.uuid()).min(1) }),
  /** Everyone holding a role; with scope 'applicantDepartment' only those holding it in the applicant's department. */
  z.object({
    kind: z.literal('role'),
    role: z.string().min(1),
    scope: z.enum(['all', 'applicantDepartment']).default('all'),
  }),
  /** The head of the applicant's department (levels 1), or of the department `levels - 1` steps above it. */
  z.object({ kind: z.literal('departmentHead'), levels: z.number().int().min(1).max(5).default(1) }),
]);
export type AssigneeRule = z.infer<typeof assigneeRuleSchema>;

export const approverNodeSchema = z.object({
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_-]{0,39}$/),
  type: z.literal('approver'),
  name: z.string().min(1).max(40),
  assignee: assigneeRuleSchema,
  /** With several assignees: any one decides (或签) or all must approve (会签). */
  mode: z.enum(['any', 'all']).default('any'),
});
export type ApproverNode = z.infer<typeof approverNodeSchema>;

export const nodeSchema = approverNodeSchema;
export type ProcessNode = z.infer<typeof nodeSchema>;

export const processDefinitionSchema = z.object({
  nodes: z.array(nodeSchema).min(1).max(50),
});
export type ProcessDefinition = z.infer<typeof processDefinitionSchema>;
/** A definition as written by hand, before defaults are filled in. */
export type ProcessDefinitionInput = z.input<typeof processDefinitionSchema>;

export interface DefinitionProblem {
  path: string;
  message: string;
}

/**
 * Parses and checks a definition: the schema, then rules the schema cannot
 * state (node ids unique). Returns the problems, empty when the definition is valid.
 */
export function validateDefinition(input: unknown): { definition?: ProcessDefinition; problems: DefinitionProblem[] } {
  const parsed = processDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) };
  }
  const problems: DefinitionProblem[] = [];
  const seen = new Set<string>();
  for (const [index, node] of parsed.data.nodes.entries()) {
    if (seen.has(node.id)) problems.push({ path: `nodes.${index}.id`, message: `duplicate node id ${node.id}` });
    seen.add(node.id);
  }
  return problems.length > 0 ? { problems } : { definition: parsed.data, problems };
}
