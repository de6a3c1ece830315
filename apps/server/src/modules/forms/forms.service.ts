import { evaluateForm, formSchema, todayInShanghai, validateForm, type FieldError, type FormDefinition, type FormValues } from '@onehall/forms';
import type { Db, Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { cachedLookup } from '../../platform/lookup-cache.ts';
import { idsByField, missingReferences, type FormDirectory } from './form-references.ts';
import * as repo from './forms.repository.ts';

export type FormsService = ReturnType<typeof createFormsService>;
export type { FormDirectory };

export interface FormsDeps {
  db: Db;
  now?: () => Date;
  cacheSeconds?: number;
  /**
   * Who and what person and department fields may name (the identity
   * module's directory). Needed to validate submissions; services that only
   * publish forms (the seed, fixtures) go without.
   */
  directory?: FormDirectory;
}

/** Versioned form definitions, and the server side of the one shared validator. */
export function createFormsService(deps: FormsDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const byId = new Map<string, Awaited<ReturnType<typeof repo.findFormDefinitionById>> & {}>();
  const findLatest = cachedLookup(deps.cacheSeconds ?? 0, (formKey: string) => repo.findLatestFormDefinition(db, formKey));
  const today = () => todayInShanghai(now());

  /** Refuses values naming a person who is not (or no longer) active, or a department that does not exist, in the validator's error shape. */
  async function checkReferences(form: FormDefinition, values: FormValues): Promise<void> {
    const wanted = idsByField(form, values);
    if (wanted.length === 0) return;
    if (!deps.directory) throw new Error('forms service built without a directory cannot check person and department fields');
    const errors: FieldError[] = await missingReferences(form, wanted, deps.directory);
    if (errors.length > 0) throw new AppError('FORM_INVALID', { fields: errors });
  }

  return {
    /** The newest version of a form: the one new applications are filled in (a new version shows within the lookup cache's time). */
    async getLatest(formKey: string, executor: Executor = db) {
      const row = executor === db ? await findLatest(formKey) : await repo.findLatestFormDefinition(executor, formKey);
      if (!row) throw new AppError('SERVICE_NOT_FOUND', {}, `form ${formKey} has no version`);
      return row;
    },

    /** A version by id. Versions never change once stored, so each is read once per process. */
    async getById(id: string, executor: Executor = db) {
      const cached = byId.get(id);
      if (cached) return cached;
      const row = await repo.findFormDefinitionById(executor, id);
      if (!row) throw new AppError('NOT_FOUND');
      byId.set(id, row);
      return row;
    },

    /** Publishes a new version of a form; running applications keep theirs. */
    async publish(formKey: string, definition: unknown, executor: Executor = db) {
      const parsed = formSchema.safeParse(definition);
      if (!parsed.success) throw new AppError('VALIDATION_FAILED', { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
      const version = (await repo.findMaxFormVersion(executor, formKey)) + 1;
      return repo.insertFormDefinition(executor, { form_key: formKey, version, schema: JSON.stringify(parsed.data) });
    },

    /**
     * Validates submitted data (a submit, a resubmit): the shared validator,
     * computed fields computed here whatever the browser sent, then the
     * people and departments named checked against the directory. Throws
     * FORM_INVALID with the field errors the browser shows.
     */
    async validate(form: FormDefinition, data: unknown): Promise<FormValues> {
      const result = validateForm(form, data, { today: today() });
      if (!result.ok) throw new AppError('FORM_INVALID', { fields: result.errors });
      await checkReferences(form, result.values);
      return result.values;
    },

    /**
     * Validates an approver's edits: only the `writable` fields are read from
     * `edits`, the others keep the application's `current` values (for
     * conditions and formulas). A writable field the approver did not send
     * keeps its current value too, so a required one already filled in
     * passes. Answers the writable fields' normalised values.
     */
    async validateEdits(form: FormDefinition, edits: Readonly<Record<string, unknown>>, options: { writable: readonly string[]; current: Readonly<Record<string, unknown>> }): Promise<FormValues> {
      const input: Record<string, unknown> = {};
      for (const key of options.writable) {
        if (Object.hasOwn(edits, key)) input[key] = edits[key];
        else if (Object.hasOwn(options.current, key)) input[key] = options.current[key];
      }
      const result = validateForm(form, input, { today: today(), writable: options.writable, current: options.current });
      if (!result.ok) throw new AppError('FORM_INVALID', { fields: result.errors });
      await checkReferences(form, result.values);
      return result.values;
    },

    /**
     * The data with every computed field computed again from the values it
     * holds (after an approver's edit). Only computed fields change; one
     * hidden now, or that cannot be computed, is left out.
     */
    recompute(form: FormDefinition, data: Readonly<Record<string, unknown>>): Record<string, unknown> {
      const computed = form.fields.filter((field) => field.type === 'computed');
      if (computed.length === 0) return { ...data };
      // Writable mode with only the computed fields "writable": every other field is read as stored
      // (checked when it was written; a 'today' bound passed since must not drop it), the computed ones computed.
      const { values } = evaluateForm(form, {}, { today: today(), writable: computed.map((field) => field.key), current: data });
      const next: Record<string, unknown> = { ...data };
      for (const field of computed) {
        if (values[field.key] === undefined) delete next[field.key];
        else next[field.key] = values[field.key];
      }
      return next;
    },
  };
}
