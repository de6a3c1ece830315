import type { FileRef, FormDefinition, FormValues } from '@onehall/forms';

/** A file an application's form data references, with the field that holds it. */
export interface FileClaim {
  fieldKey: string;
  file: FileRef;
}

/** The form fields whose values are file references: an attachment or image field holds a list, a signature one. */
const FILE_FIELD_TYPES: ReadonlySet<string> = new Set(['attachment', 'image', 'signature']);

function isFileRef(value: unknown): value is FileRef {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const ref = value as Record<string, unknown>;
  return typeof ref.id === 'string' && typeof ref.name === 'string' && typeof ref.size === 'number' && typeof ref.type === 'string';
}

/**
 * The files a form's validated values reference, in field order, each once.
 * Only fields the definition types as files count, so a text that happens
 * to look like a reference is never taken for one; hidden fields are not in
 * validated values, so their files are not linked either.
 */
export function referencedFiles(form: Pick<FormDefinition, 'fields'>, values: FormValues): FileClaim[] {
  const claims: FileClaim[] = [];
  const seen = new Set<string>();
  for (const field of form.fields) {
    if (!FILE_FIELD_TYPES.has(field.type)) continue;
    const value: unknown = values[field.key];
    for (const item of Array.isArray(value) ? value : [value]) {
      if (!isFileRef(item)) continue;
      const id = item.id.toLowerCase();
      if (seen.has(id)) continue;
      seen.add(id);
      claims.push({ fieldKey: field.key, file: { ...item, id } });
    }
  }
  return claims;
}
