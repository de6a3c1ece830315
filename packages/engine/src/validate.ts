import { processDefinitionSchema, type Condition, type ProcessDefinition, type ProcessNode } from './definition.ts';

export interface DefinitionProblem {
  /** Where: a node id, or a schema path such as nodes.0.assignee. */
  path: string;
  message: string;
}

function conditionFields(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(conditionFields);
  if ('any' in condition) return condition.any.flatMap(conditionFields);
  if ('not' in condition) return conditionFields(condition.not);
  return 'field' in condition ? [condition.field] : [];
}

/**
 * Parses and checks a definition, with precise messages: the schema, then
 * what it cannot state — unique ids, one default branch per condition, no
 * empty parallel block or branch, no branch that can never be taken, no rule
 * naming a field the form does not have. Valid when `problems` is empty.
 */
export function validateDefinition(input: unknown, options: { formFields?: string[] } = {}): { definition?: ProcessDefinition; problems: DefinitionProblem[] } {
  const parsed = processDefinitionSchema.safeParse(input);
  if (!parsed.success) return { problems: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) };
  const definition = parsed.data as ProcessDefinition;
  const problems: DefinitionProblem[] = [];
  const ids = new Set<string>();
  const fields = options.formFields ? new Set(options.formFields) : null;
  let approversSeen = 0;
  const claim = (id: string, what: string) => {
    if (ids.has(id)) problems.push({ path: id, message: `${what} id "${id}" is used twice` });
    ids.add(id);
  };
  const needField = (where: string, field: string) => {
    if (fields && !fields.has(field)) problems.push({ path: where, message: `names form field "${field}", which the form does not have` });
  };

  const walk = (nodes: ProcessNode[]) => {
    for (const node of nodes) {
      claim(node.id, 'node');
      if (node.type === 'approver' || node.type === 'cc') {
        const rule = node.assignee;
        if (rule.kind === 'personField' || rule.kind === 'departmentHeadOfField') needField(node.id, rule.field);
        if (node.type === 'approver') {
          if (rule.kind === 'previousApproverChooses' && approversSeen === 0) problems.push({ path: node.id, message: 'is chosen by the previous approver, but no approver node comes before it' });
          if (node.mode === 'ratio' && node.ratio === undefined) problems.push({ path: node.id, message: 'ratio mode needs a ratio between 0 and 1' });
          if (node.timeLimit?.onTimeout === 'escalate' && !node.timeLimit.escalateTo?.length) problems.push({ path: node.id, message: 'escalates on timeout but names nobody to escalate to' });
          for (const key of Object.keys(node.fields)) needField(node.id, key);
          approversSeen++;
        }
        continue;
      }
      if (node.branches.length === 0) {
        problems.push({ path: node.id, message: `${node.type === 'parallel' ? 'parallel block' : 'condition'} has no branches` });
        continue;
      }
      if (node.type === 'condition') {
        const defaults = node.branches.filter((b) => b.when === undefined);
        if (defaults.length !== 1) problems.push({ path: node.id, message: defaults.length === 0 ? 'condition branches have no default branch' : 'condition has more than one default branch' });
        const seen = new Set<string>();
        for (const branch of node.branches) {
          if (branch.when === undefined) continue;
          const text = JSON.stringify(branch.when);
          if (seen.has(text)) problems.push({ path: branch.id, message: 'is unreachable: an earlier branch has the same condition' });
          seen.add(text);
          for (const field of conditionFields(branch.when)) needField(branch.id, field);
        }
      } else if (node.branches.length < 2) {
        problems.push({ path: node.id, message: 'parallel block needs at least two branches' });
      }
      for (const branch of node.branches) {
        claim(branch.id, 'branch');
        if (node.type === 'parallel' && branch.nodes.length === 0) problems.push({ path: branch.id, message: 'parallel branch is empty' });
        const before = approversSeen;
        walk(branch.nodes);
        // Inside a parallel block, siblings do not come "before" each other.
        if (node.type === 'parallel') approversSeen = Math.max(approversSeen, before);
      }
    }
  };
  walk(definition.nodes);
  if (approversSeen === 0) problems.push({ path: 'nodes', message: 'has no approver node' });
  return problems.length > 0 ? { problems } : { definition, problems };
}
