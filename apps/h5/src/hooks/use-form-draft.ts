import { useState } from 'react';
import { validateForm, type FormDefinition, type FormValue, type FormValues } from '@onehall/forms';
import type { DraftValues } from '../components/form-field-control.tsx';

/** Errors for display, one message per field key. */
export type FieldMessages = Record<string, string>;

export interface FormDraft {
  values: DraftValues;
  errors: FieldMessages;
  change: (key: string, value: string) => void;
  /** Checks with the shared validator; shows the errors and returns null when the form is not right. */
  check: (today: string) => FormValues | null;
  /** Shows field errors (the validator's, or the server's FORM_INVALID list) and scrolls to the first. */
  showFieldErrors: (list: { key: string; message: string }[]) => void;
}

/** Stored values as the form's text controls hold them. */
export function toDraftValues(data: Record<string, FormValue>): DraftValues {
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, String(value)]));
}

/**
 * A service form being filled in (the launch page) or corrected (重新提交):
 * the values as typed, the errors on screen, and the one validator of the
 * hall (`validateForm` of @onehall/forms) before anything is sent.
 */
export function useFormDraft(form: FormDefinition, initial: DraftValues = {}): FormDraft {
  const [values, setValues] = useState<DraftValues>(initial);
  const [errors, setErrors] = useState<FieldMessages>({});

  function showFieldErrors(list: { key: string; message: string }[]) {
    const next: FieldMessages = {};
    for (const item of list) next[item.key] ??= item.message;
    setErrors(next);
    const first = form.fields.find((field) => next[field.key]);
    if (first) document.querySelector(`[data-field="${first.key}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }

  function change(key: string, value: string) {
    setValues((previous) => ({ ...previous, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _cleared, ...rest }) => rest);
  }

  function check(today: string): FormValues | null {
    const checked = validateForm(form, values, { today });
    if (!checked.ok) {
      showFieldErrors(checked.errors);
      return null;
    }
    setErrors({});
    return checked.values;
  }

  return { values, errors, change, check, showFieldErrors };
}
