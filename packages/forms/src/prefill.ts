import { checkField, isBlank } from './field-check.ts';
import type { FormDefinition, FormValue, FormValues, PrefillSource } from './schema.ts';

/** What the hall knows of the person applying, for prefill. */
export interface PrefillPerson {
  name?: string | null;
  /** Student or staff number (学号 / 工号). */
  number?: string | null;
  department?: { id: string; name: string } | null;
  class?: { name: string } | null;
  phone?: string | null;
}

/**
 * The first values of a new application: each field with a `prefill` source
 * gets it from the person or from `last` (the values of the applicant's
 * previous application of this service). A candidate that would not pass the
 * field's own check (an option since removed, a date now out of range, a
 * file of the wrong type) is left out, so a prefilled form never starts with
 * an error. The person can change every prefilled value.
 */
export function prefillValues(form: FormDefinition, sources: { person?: PrefillPerson | null; last?: Readonly<Record<string, unknown>> | null }, options: { today?: string } = {}): FormValues {
  const { person, last } = sources;
  const values: FormValues = {};
  for (const field of form.fields) {
    if (field.type === 'description' || field.type === 'computed' || !field.prefill) continue;
    const candidate = field.prefill === 'last' ? (last && Object.hasOwn(last, field.key) ? last[field.key] : undefined) : fromPerson(field.prefill, field.type, person ?? null, 'multiple' in field && field.multiple);
    if (isBlank(candidate)) continue;
    const checked = checkField(field, candidate, { today: options.today });
    if (checked.ok) values[field.key] = checked.value;
  }
  return values;
}

/** A person's detail for a field: a department picker takes the id, a text field the name. */
function fromPerson(source: Exclude<PrefillSource, 'last'>, type: string, person: PrefillPerson | null, multiple: boolean): unknown {
  switch (source) {
    case 'person.name':
      return person?.name;
    case 'person.number':
      return person?.number;
    case 'person.class':
      return person?.class?.name;
    case 'person.phone':
      return person?.phone;
    case 'person.department': {
      const department = person?.department;
      if (!department) return undefined;
      if (type !== 'department') return department.name;
      return multiple ? [department.id] : department.id;
    }
  }
}
