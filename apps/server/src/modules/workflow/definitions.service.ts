import { validateDefinition } from '@onehall/engine';
import type { Db, Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import * as repo from './definitions.repository.ts';

export type DefinitionsService = ReturnType<typeof createDefinitionsService>;

/**
 * Process definitions are data: JSON rows, versioned by key. Publishing adds
 * a version; an application stores the id of the version it started with.
 */
export function createDefinitionsService(deps: { db: Db }) {
  const { db } = deps;
  async function getLatest(processKey: string, executor: Executor = db) {
    const row = await repo.findLatestProcessDefinition(executor, processKey);
    if (!row) throw new AppError('SERVICE_NOT_FOUND', {}, `process ${processKey} has no version`);
    return row;
  }

  return {
    getLatest,

    async getById(id: string, executor: Executor = db) {
      const row = await repo.findProcessDefinitionById(executor, id);
      if (!row) throw new AppError('NOT_FOUND');
      return row;
    },

    /** Validates and stores a new version; returns the stored row. */
    async publish(processKey: string, definition: unknown, executor: Executor = db) {
      const { definition: valid, problems } = validateDefinition(definition);
      if (!valid) throw new AppError('VALIDATION_FAILED', { problems });
      const version = (await repo.findMaxProcessVersion(executor, processKey)) + 1;
      return repo.insertProcessDefinition(executor, { process_key: processKey, version, definition: JSON.stringify(valid) });
    },

    /** The steps of the newest version, by name, as shown on a service's launch page. */
    async describeSteps(processKey: string): Promise<{ nodeId: string; name: string }[]> {
      const row = await getLatest(processKey);
      return row.definition.nodes.map((node) => ({ nodeId: node.id, name: node.name }));
    },
  };
}
