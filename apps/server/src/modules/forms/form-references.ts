import type { FieldError, FormDefinition, FormValues } from '@onehall/forms';

/** What the forms module asks the directory (the identity module) about the ids a form names. */
export interface FormDirectory {
  findPeopleNames(ids: readonly string[]): Promise<Map<string, { active: boolean }>>;
  findDepartmentNames(ids: readonly string[]): Promise<Map<string, unknown>>;
}

/** The person and department ids each person or department field of validated values holds. */
export function idsByField(form: FormDefinition, values: FormValues): { key: string; label: string; kind: 'person' | 'department'; ids: string[] }[] {
  const found: { key: string; label: string; kind: 'person' | 'department'; ids: string[] }[] = [];
  for (const field of form.fields) {
    if (field.type !== 'person' && field.type !== 'department') continue;
    const value = values[field.key];
    const ids = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
    if (ids.length > 0) found.push({ key: field.key, label: field.label, kind: field.type, ids });
  }
  return found;
}

/**
 * Field errors for ids that name nobody: a person not in the directory or no
 * longer active, a department that does not exist. The messages are the
 * package's words for an invalid person or department (format.person).
 */
export async function missingReferences(form: FormDefinition, wanted: ReturnType<typeof idsByField>, directory: FormDirectory): Promise<FieldError[]> {
  const personIds = wanted.filter((w) => w.kind === 'person').flatMap((w) => w.ids);
  const departmentIds = wanted.filter((w) => w.kind === 'department').flatMap((w) => w.ids);
  const [people, departments] = await Promise.all([
    personIds.length > 0 ? directory.findPeopleNames(personIds) : new Map<string, { active: boolean }>(),
    departmentIds.length > 0 ? directory.findDepartmentNames(departmentIds) : new Map<string, unknown>(),
  ]);
  const errors: FieldError[] = [];
  for (const field of wanted) {
    const unknown = field.kind === 'person' ? field.ids.some((id) => !people.get(id)?.active) : field.ids.some((id) => !departments.has(id));
    if (!unknown) continue;
    const message = field.kind === 'person' ? `${field.label}中有无效的人员` : `${field.label}中有无效的部门`;
    errors.push({ key: field.key, code: 'format', message });
  }
  // In form order, as the validator answers.
  const order = new Map(form.fields.map((field, index) => [field.key, index]));
  return errors.sort((a, b) => order.get(a.key)! - order.get(b.key)!);
}
