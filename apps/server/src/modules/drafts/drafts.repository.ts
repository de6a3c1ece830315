import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';

/** A draft with the name, code and icon of its service, as lists and the service page show it. */
export interface DraftWithService {
  service_code: string;
  service_name: string;
  service_icon: string;
  form_version: number;
  data: Record<string, unknown>;
  updated_at: Date;
}

function draftsWithService(db: Executor, personId: string) {
  return db
    .selectFrom('application_draft as d')
    .innerJoin('service as s', 's.id', 'd.service_id')
    .select(['s.code as service_code', 's.name as service_name', 's.icon as service_icon', 'd.form_version', 'd.updated_at'])
    .where('d.person_id', '=', personId);
}

/**
 * Saves a person's draft of a service over the one kept (one per person and
 * service: the unique key makes two saves at once end as one row, the later).
 */
export async function upsertDraft(db: Executor, row: { personId: string; serviceId: string; formVersion: number; data: Record<string, unknown> }): Promise<{ id: string; updated_at: Date }> {
  return db
    .insertInto('application_draft')
    .values({ person_id: row.personId, service_id: row.serviceId, form_version: row.formVersion, data: JSON.stringify(row.data) })
    .onConflict((oc) =>
      oc.columns(['person_id', 'service_id']).doUpdateSet({
        form_version: (eb) => eb.ref('excluded.form_version'),
        data: (eb) => eb.ref('excluded.data'),
        updated_at: sql<Date>`now()`,
      }),
    )
    .returning(['id', 'updated_at'])
    .executeTakeFirstOrThrow();
}

/** A person's drafts, newest first (application_draft_person_idx). */
export function findDraftsOfPerson(db: Executor, personId: string, limit: number) {
  return draftsWithService(db, personId).orderBy('d.updated_at', 'desc').orderBy('d.id', 'desc').limit(limit).execute();
}

export function findDraft(db: Executor, personId: string, serviceId: string): Promise<DraftWithService | undefined> {
  return draftsWithService(db, personId).select('d.data').where('d.service_id', '=', serviceId).executeTakeFirst();
}

/** Deletes a person's draft of a service, by the service's code (the service may have gone offline since). */
export async function deleteDraftByCode(db: Executor, personId: string, serviceCode: string): Promise<boolean> {
  const result = await db
    .deleteFrom('application_draft')
    .where('person_id', '=', personId)
    .where('service_id', 'in', (eb) => eb.selectFrom('service').select('id').where('code', '=', serviceCode))
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function deleteDraft(db: Executor, personId: string, serviceId: string): Promise<void> {
  await db.deleteFrom('application_draft').where('person_id', '=', personId).where('service_id', '=', serviceId).execute();
}
