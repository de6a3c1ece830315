import { formSchema, todayInShanghai, validateForm, type FormDefinition, type FormValues } from '@onehall/forms';
import type { Db, Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { cachedLookup } from '../../platform/lookup-cache.ts';
import * as repo from './forms.repository.ts';

export type FormsService = ReturnType<typeof createFormsService>;

/** Versioned form definitions, and the server side of the one shared validator. */
export function createFormsService(deps: { db: Db; now?: () => Date; cacheSeconds?: number }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const byId = new Map<string, Awaited<ReturnType<typeof repo.findFormDefinitionById>> & {}>();
  const findLatest = cachedLookup(deps.cacheSeconds ?? 0, (formKey: string) => repo.findLatestFormDefinition(db, formKey));
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

    /** Validates submitted data; throws FORM_INVALID with the field errors the browser would have shown. */
    validate(form: FormDefinition, data: unknown): FormValues {
      const result = validateForm(form, data, { today: todayInShanghai(now()) });
      if (!result.ok) throw new AppError('FORM_INVALID', { fields: result.errors });
      return result.values;
    },
  };
}
