import type { FormDefinition } from './schema.ts';

/**
 * Field permissions at an approval step, as the workflow engine declares
 * them per approver node (`fields: { amount: 'write', idCard: 'hidden' }`);
 * a field the node does not name is read-only. The package cannot depend on
 * the engine, so the three words are repeated here.
 */
export type FieldAccess = 'hidden' | 'read' | 'write';

export interface ResolvedFieldAccess {
  /** Every field of the form with its permission at this step. */
  access: Record<string, FieldAccess>;
  /** Keys the approver sees, in form order. */
  visible: string[];
  /** Keys the approver may change, in form order: pass them as ValidateOptions.writable. */
  writable: string[];
}

/**
 * What an approver may see and edit. Computed fields and descriptions are
 * never writable (the one is computed, the other has no value); a key the
 * form does not have is ignored.
 */
export function resolveFieldAccess(form: FormDefinition, permissions: Readonly<Record<string, FieldAccess>> | undefined): ResolvedFieldAccess {
  const access: Record<string, FieldAccess> = {};
  for (const field of form.fields) {
    const given = permissions?.[field.key] ?? 'read';
    access[field.key] = given === 'write' && (field.type === 'computed' || field.type === 'description') ? 'read' : given;
  }
  const keys = form.fields.map((field) => field.key);
  return { access, visible: keys.filter((key) => access[key] !== 'hidden'), writable: keys.filter((key) => access[key] === 'write') };
}
