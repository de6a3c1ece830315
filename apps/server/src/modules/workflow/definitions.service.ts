import { validateDefinition } from '@onehall/engine';
import type { DefinitionCheckDto } from '@onehall/contracts';
import type { Db, Executor } from '../../platform/db.ts';
import { AppError, isAppError } from '../../platform/errors.ts';
import { cachedLookup } from '../../platform/lookup-cache.ts';
import type { FormsService } from '../forms/forms.service.ts';
import * as repo from './definitions.repository.ts';

export type DefinitionsService = ReturnType<typeof createDefinitionsService>;

/**
 * Process definitions are data: JSON rows, versioned by key. Publishing adds
 * a version; an application stores the id of the version it started with.
 * A process is checked against the form of the same key, when there is one.
 */
export function createDefinitionsService(deps: { db: Db; forms: FormsService; cacheSeconds?: number }) {
  const { db, forms } = deps;
  const findLatest = cachedLookup(deps.cacheSeconds ?? 0, (processKey: string) => repo.findLatestProcessDefinition(db, processKey));

  /** The newest version of a process (a new version shows within the lookup cache's time). */
  async function getLatest(processKey: string, executor: Executor = db) {
    const row = executor === db ? await findLatest(processKey) : await repo.findLatestProcessDefinition(executor, processKey);
    if (!row) throw new AppError('SERVICE_NOT_FOUND', {}, `process ${processKey} has no version`);
    return row;
  }

  async function formFieldsOf(formKey: string | undefined, executor: Executor): Promise<string[] | undefined> {
    if (!formKey) return undefined;
    try {
      return (await forms.getLatest(formKey, executor)).schema.fields.map((field) => field.key);
    } catch (error) {
      if (isAppError(error) && error.code === 'SERVICE_NOT_FOUND') return undefined;
      throw error;
    }
  }

  return {
    getLatest,

    async getById(id: string, executor: Executor = db) {
      const row = await repo.findProcessDefinitionById(executor, id);
      if (!row) throw new AppError('NOT_FOUND');
      return row;
    },

    /** Checks a definition without storing it. */
    async check(definition: unknown, formKey?: string): Promise<DefinitionCheckDto> {
      const formFields = await formFieldsOf(formKey, db);
      const { problems } = validateDefinition(definition, formFields ? { formFields } : {});
      return { valid: problems.length === 0, problems };
    },

    /** Validates and stores a new version; returns the stored row. */
    async publish(processKey: string, definition: unknown, executor: Executor = db) {
      const formFields = await formFieldsOf(processKey, executor);
      const { definition: valid, problems } = validateDefinition(definition, formFields ? { formFields } : {});
      if (!valid) throw new AppError('VALIDATION_FAILED', { fields: problems.map((p) => ({ key: p.path, code: 'definition', message: p.message })) }, `流程定义有误：${problems.map((p) => `${p.path} ${p.message}`).join('；')}`);
      const version = (await repo.findMaxProcessVersion(executor, processKey)) + 1;
      return repo.insertProcessDefinition(executor, { process_key: processKey, version, definition: JSON.stringify(valid) });
    },

    /** The steps of the newest version, by name, as shown on a service's launch page (top-level approver nodes and blocks). */
    async describeSteps(processKey: string): Promise<{ nodeId: string; name: string }[]> {
      const row = await getLatest(processKey);
      return row.definition.nodes.map((node) => ({ nodeId: node.id, name: node.name }));
    },
  };
}
