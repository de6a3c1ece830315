import type { ApplicationDetailDto, FormRefsDto } from '@onehall/contracts';

type Detail = Pick<ApplicationDetailDto, 'form' | 'data' | 'timeline'>;

const idsIn = (value: unknown): string[] => (typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []);

/**
 * The person and department ids a detail shows: the values of its person
 * and department fields, and of their changes in the timeline (a resubmit's
 * diff). Only fields the viewer sees are in the detail, so only their ids.
 */
export function referencedIds(detail: Detail): { people: string[]; departments: string[] } {
  const people = new Set<string>();
  const departments = new Set<string>();
  const kinds = new Map(detail.form.fields.filter((f) => f.type === 'person' || f.type === 'department').map((f) => [f.key, f.type]));
  const add = (key: string, value: unknown) => {
    const kind = kinds.get(key);
    if (kind) for (const id of idsIn(value)) (kind === 'person' ? people : departments).add(id);
  };
  for (const [key, value] of Object.entries(detail.data)) add(key, value);
  for (const entry of detail.timeline) for (const change of entry.changes) (add(change.key, change.from), add(change.key, change.to));
  return { people: [...people], departments: [...departments] };
}

/** The names of those ids, as the detail answers them (ids no longer known left out). */
export function formRefs(ids: { people: string[]; departments: string[] }, people: Map<string, { name: string; departmentName: string | null }>, departments: Map<string, { name: string }>): FormRefsDto {
  const refs: FormRefsDto = { people: {}, departments: {} };
  for (const id of ids.people) {
    const person = people.get(id);
    if (person) refs.people[id] = { name: person.name, departmentName: person.departmentName };
  }
  for (const id of ids.departments) {
    const department = departments.get(id);
    if (department) refs.departments[id] = { name: department.name };
  }
  return refs;
}
