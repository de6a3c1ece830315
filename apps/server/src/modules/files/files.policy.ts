import type { Auth } from '../identity/identity.service.ts';
import type { FileRow } from './files.table.ts';

export type Caller = Pick<Auth, 'personId' | 'roles'>;

/**
 * Who may download a file: while it is staged, only its uploader; once it
 * belongs to an application, whoever may read that application (the
 * workflow's rule: applicant, anyone with a task on it, anyone it was copied
 * to, administrators), passed in as `mayReadApplication`.
 */
export async function mayDownloadFile(caller: Caller, file: Pick<FileRow, 'uploader_person_id' | 'application_id'>, mayReadApplication: (caller: Caller, applicationId: string) => Promise<boolean>): Promise<boolean> {
  if (file.application_id === null) return file.uploader_person_id === caller.personId;
  return mayReadApplication(caller, file.application_id);
}
