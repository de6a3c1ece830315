import { useEffect, useMemo, useRef, useState } from 'react';
import { evaluateForm, todayInShanghai, validateForm, type FormDefinition, type FormEvaluation, type FormValues } from '@onehall/forms';
import { readDraft, removeDraft, writeDraft, type DraftKey } from '../lib/draft-storage.ts';
import { isDraftBlank, toDraftValues, type DraftValue, type DraftValues } from '../lib/form-values.ts';

export { toDraftValues };
export type { DraftValue, DraftValues };

/** Errors for display, one message per field key (or per cell: `${key}.${row}.${column}`). */
export type FieldMessages = Record<string, string>;

/** A field error as the validator and the server's FORM_INVALID answer give it. */
export interface FieldMessage {
  key: string;
  message: string;
  row?: number | undefined;
  column?: string | undefined;
}

export interface FormDraft {
  form: FormDefinition;
  values: DraftValues;
  /** Errors of whole fields. */
  errors: FieldMessages;
  /** Errors of detail-table cells, by `${key}.${row}.${column}`. */
  cellErrors: FieldMessages;
  /** The form as it stands: what is shown, what is required, the computed values (again at every change). */
  evaluation: FormEvaluation;
  /** When a draft kept on this phone was restored ('' when its time is unknown), else null. */
  restoredAt: string | null;
  change: (key: string, value: DraftValue | undefined) => void;
  /** Checks with the shared validator; shows the errors and returns null when the form is not right. */
  check: (today: string) => FormValues | null;
  /** Shows field errors (the validator's, or the server's FORM_INVALID list) and scrolls to the first. */
  showFieldErrors: (list: FieldMessage[]) => void;
  /** Fills the fields still blank (prefill), without counting as the person's own typing. */
  fillBlank: (values: DraftValues) => void;
  /** Starts again from nothing (清空重填), forgetting the kept draft. */
  reset: () => void;
  /** Forgets the draft kept on the phone (after the submit). */
  forgetStored: () => void;
}

export const cellKey = (key: string, row: number, column: string) => `${key}.${row}.${column}`;

/** Brings the first field with an error into view and puts the focus on its control. */
function revealFirst(form: FormDefinition, errors: FieldMessages, cellErrors: FieldMessages): void {
  const invalid = new Set([...Object.keys(errors), ...Object.keys(cellErrors).map((key) => key.split('.')[0]!)]);
  const first = form.fields.find((field) => invalid.has(field.key));
  if (!first) return;
  // After React has drawn the messages: the field's height may change with them.
  requestAnimationFrame(() => {
    const element = document.querySelector<HTMLElement>(`[data-field="${first.key}"]`);
    if (!element) return;
    element.scrollIntoView({ block: 'center', behavior: 'smooth' });
    // Focus moves to the control (screen readers then read its label and error), the invalid one if it can take focus.
    const focusable = [...element.querySelectorAll<HTMLElement>('input:not([type="hidden"]):not([hidden]), textarea, button')].filter((el) => !el.hasAttribute('disabled'));
    const control = focusable.find((el) => el.getAttribute('aria-invalid') === 'true') ?? focusable[0];
    control?.focus({ preventScroll: true });
  });
}

/**
 * A service form being filled in (the launch page) or corrected (重新提交):
 * the values as the controls hold them, the live evaluation (which fields
 * show, which are required, the computed values), the errors on screen,
 * and the one validator of the hall (`validateForm` of @onehall/forms)
 * before anything is sent. With `storage`, the values are kept on the phone
 * as the person types and restored when the page opens again; `initial`
 * (a copy of an earlier application) wins over a kept draft.
 */
export function useFormDraft(form: FormDefinition, initial?: DraftValues, options: { storage?: DraftKey | null } = {}): FormDraft {
  const storage = options.storage ?? null;
  const [start] = useState(() => {
    if (initial) return { values: toDraftValues(initial, form), restoredAt: null };
    const kept = storage ? readDraft(storage) : null;
    if (kept) {
      const values = toDraftValues(kept.values, form);
      if (Object.keys(values).length > 0) return { values, restoredAt: kept.savedAt };
    }
    return { values: {} as DraftValues, restoredAt: null };
  });
  const [values, setValues] = useState<DraftValues>(start.values);
  const [restoredAt, setRestoredAt] = useState<string | null>(start.restoredAt);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [cellErrors, setCellErrors] = useState<FieldMessages>({});
  // Only the person's own changes are kept; a prefill alone is not a draft.
  const dirty = useRef(false);
  const today = todayInShanghai();
  const evaluation = useMemo(() => evaluateForm(form, values, { today }), [form, values, today]);

  const storageKey = storage ? `${storage.personId}:${storage.serviceCode}:${storage.formVersion}` : null;
  useEffect(() => {
    if (!storage || !dirty.current) return;
    // A moment after the last key press, so typing is not slowed by writing.
    const timer = setTimeout(() => {
      if (dirty.current) writeDraft(storage, values);
    }, 300);
    return () => clearTimeout(timer);
    // `storageKey` stands for `storage`.
  }, [storageKey, values]);

  function showFieldErrors(list: FieldMessage[]) {
    const fields: FieldMessages = {};
    const cells: FieldMessages = {};
    for (const item of list) {
      if (item.row !== undefined && item.column !== undefined) cells[cellKey(item.key, item.row, item.column)] ??= item.message;
      else fields[item.key] ??= item.message;
    }
    setErrors(fields);
    setCellErrors(cells);
    revealFirst(form, fields, cells);
  }

  function change(key: string, value: DraftValue | undefined) {
    dirty.current = true;
    setValues((previous) => {
      const next = { ...previous };
      if (value === undefined) delete next[key];
      else next[key] = value;
      return next;
    });
    if (errors[key]) setErrors(({ [key]: _cleared, ...rest }) => rest);
    // A table's cell errors go when the person changes the table (rows may have moved).
    if (Object.keys(cellErrors).some((name) => name.startsWith(`${key}.`))) setCellErrors((previous) => Object.fromEntries(Object.entries(previous).filter(([name]) => !name.startsWith(`${key}.`))));
  }

  function check(day: string): FormValues | null {
    const checked = validateForm(form, values, { today: day });
    if (!checked.ok) {
      showFieldErrors(checked.errors);
      return null;
    }
    setErrors({});
    setCellErrors({});
    return checked.values;
  }

  function fillBlank(prefill: DraftValues) {
    setValues((previous) => {
      const next = { ...previous };
      for (const [key, value] of Object.entries(toDraftValues(prefill, form))) if (isDraftBlank(next[key])) next[key] = value;
      return next;
    });
  }

  function reset() {
    dirty.current = false;
    if (storage) removeDraft(storage);
    setValues({});
    setErrors({});
    setCellErrors({});
    setRestoredAt(null);
  }

  function forgetStored() {
    dirty.current = false;
    if (storage) removeDraft(storage);
  }

  return { form, values, errors, cellErrors, evaluation, restoredAt, change, check, showFieldErrors, fillBlank, reset, forgetStored };
}
