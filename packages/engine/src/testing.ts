import { advance, initialState } from './advance.ts';
import type { Action } from './actions.ts';
import { processDefinitionSchema, type ProcessDefinition, type ProcessDefinitionInput } from './definition.ts';
import type { EngineState } from './state.ts';

/**
 * Helpers for the engine's tests (and the property tests of the workflow
 * module): a tiny driver that starts an application and applies actions by
 * person rather than by task key.
 */
export const AT = '2026-11-24T08:00:00.000Z';

export function define(input: ProcessDefinitionInput): ProcessDefinition {
  return processDefinitionSchema.parse(input) as ProcessDefinition;
}

export class Driver {
  state: EngineState;
  log: Action[] = [];
  readonly definition: ProcessDefinition;

  constructor(definition: ProcessDefinition, plan: Record<string, string[]>, options: { applicant?: string; data?: Record<string, unknown>; head?: string } = {}) {
    this.definition = definition;
    const applicant = options.applicant ?? 'applicant';
    const start: Action = { type: 'start', at: AT, actor: applicant, data: options.data ?? {}, applicant: { personId: applicant, kind: 'student', departmentId: 'd1', classId: null, roles: [], headPersonId: options.head ?? null }, plan };
    const result = advance(definition, initialState(), start);
    if (!result.ok) throw new Error(`start refused: ${result.error.code}`);
    this.state = result.state;
    this.log.push(start);
  }

  /** The key of a person's live task (optionally at a node). */
  taskOf(person: string, nodeId?: string): string {
    const task = Object.values(this.state.tasks).find((t) => t.assignee === person && (!nodeId || t.nodeId === nodeId));
    if (!task) throw new Error(`${person} has no live task`);
    return task.key;
  }

  /** Who holds open tasks now, sorted. */
  holders(): string[] {
    return Object.values(this.state.tasks).filter((t) => t.status === 'open').map((t) => t.assignee).sort();
  }

  act(action: Action) {
    const result = advance(this.definition, this.state, action);
    if (result.ok) {
      this.state = result.state;
      this.log.push(action);
    }
    return result;
  }

  /** Acts, and throws if the engine refuses. */
  must(action: Action) {
    const result = this.act(action);
    if (!result.ok) throw new Error(`${action.type} refused: ${result.error.code}`);
    return result;
  }

  approve(person: string, extra: Partial<Extract<Action, { type: 'approve' }>> = {}) {
    return this.must({ type: 'approve', at: AT, actor: person, taskKey: this.taskOf(person), ...extra });
  }
}
