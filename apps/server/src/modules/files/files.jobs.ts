import type { FastifyBaseLogger } from 'fastify';
import type { JobHandler } from '../../platform/jobs.ts';
import type { FilesService } from './files.service.ts';

export const FILES_CLEANUP_JOB = 'files.cleanup';

/** The files module's recurring jobs: the staged-file cleanup, every hour (kind → seconds). */
export const filesRecurringJobs: Record<string, number> = { [FILES_CLEANUP_JOB]: 3600 };

export function createFilesJobHandlers(deps: { files: FilesService; log: FastifyBaseLogger }): Record<string, JobHandler> {
  return {
    [FILES_CLEANUP_JOB]: async () => {
      const removed = await deps.files.cleanupStaged();
      if (removed > 0) deps.log.info({ removed }, 'staged files nobody submitted were deleted');
    },
  };
}
