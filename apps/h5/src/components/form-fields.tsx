import type { FormDefinition } from '@onehall/forms';
import type { FormDraft } from '../hooks/use-form-draft.ts';
import { FormFieldControl } from './form-field-control.tsx';

/** Every field of a form, bound to a draft: the launch page and the resubmit page draw the same form. */
export function FormFields({ form, draft, today }: { form: FormDefinition; draft: FormDraft; today: string }) {
  return (
    <>
      {form.fields.map((field) => (
        <FormFieldControl
          key={field.key}
          field={field}
          value={draft.values[field.key] ?? ''}
          error={draft.errors[field.key]}
          today={today}
          onChange={(value) => draft.change(field.key, value)}
        />
      ))}
    </>
  );
}
