import type { FormDefinition } from '@onehall/forms';
import type { FormDraft } from '../hooks/use-form-draft.ts';
import { FormFieldControl } from './form-field-control.tsx';

/**
 * Every field of a form, bound to a draft: the launch page and the resubmit
 * page draw the same form. What shows and what is required follow the
 * package's evaluation of the values as they are typed (visibleWhen,
 * requiredWhen); computed fields show the package's value.
 */
export function FormFields({ form, draft, today }: { form: FormDefinition; draft: FormDraft; today: string }) {
  const { evaluation } = draft;
  return (
    <>
      {form.fields
        .filter((field) => evaluation.visible.has(field.key))
        .map((field) => (
          <FormFieldControl
            key={field.key}
            field={field}
            value={draft.values[field.key]}
            error={draft.errors[field.key]}
            required={evaluation.required.has(field.key)}
            today={today}
            computed={evaluation.values[field.key]}
            cellErrors={draft.cellErrors}
            onChange={(value) => draft.change(field.key, value)}
          />
        ))}
    </>
  );
}
