import { draftLimits, type DraftDto, type DraftListDto, type DraftSummaryDto, type MyDraftDto, type SaveDraftBody } from '@onehall/contracts';
import type { Db, Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { CatalogService } from '../catalog/catalog.service.ts';
import type { FilesService } from '../files/files.service.ts';
import type { FormsService } from '../forms/forms.service.ts';
import type { Auth } from '../identity/identity.service.ts';
import * as repo from './drafts.repository.ts';

export type DraftsService = ReturnType<typeof createDraftsService>;

export interface DraftsDeps {
  db: Db;
  catalog: Pick<CatalogService, 'getServiceFor'>;
  forms: Pick<FormsService, 'getLatest'>;
  files: Pick<FilesService, 'holdForDraft'>;
}

/** The 草稿 list shows at most this many (a person has one per service). */
const LIST_LIMIT = 100;

/** The size of a draft as stored: the bytes of its JSON. */
export function draftBytes(data: Record<string, unknown>): number {
  return Buffer.byteLength(JSON.stringify(data), 'utf8');
}

/** The keys of a draft that are not fields of the form (a draft holds nothing else). */
export function unknownDraftKeys(form: { fields: readonly { key: string }[] }, data: Record<string, unknown>): string[] {
  const known = new Set(form.fields.map((field) => field.key));
  return Object.keys(data).filter((key) => !known.has(key));
}

/** A draft row as the API answers it (the one place rows become DTOs). */
export function draftToDto(row: repo.DraftWithService): DraftDto {
  return { ...draftToSummaryDto(row), data: row.data };
}

export function draftToSummaryDto(row: Omit<repo.DraftWithService, 'data'>): DraftSummaryDto {
  return { serviceCode: row.service_code, serviceName: row.service_name, serviceIcon: row.service_icon, formVersion: row.form_version, updatedAt: new Date(row.updated_at).toISOString() };
}

/**
 * Drafts kept on the server (草稿). Saving one needs what applying needs —
 * the service open and meant for the person (catalog.getServiceFor) — but
 * not a complete form: the values are kept as they are, only limited in
 * size and to the keys of the form's fields. The staged uploads a draft
 * references are held by it (saved in the same transaction), so the cleanup
 * after FILES_STAGED_HOURS leaves them while the draft is kept; deleting the
 * draft lets them go.
 */
export function createDraftsService(deps: DraftsDeps) {
  const { db, catalog, forms, files } = deps;

  return {
    /** Saves my draft of a service over the one kept; answers it without its values. */
    async save(auth: Auth, serviceCode: string, body: SaveDraftBody): Promise<DraftSummaryDto> {
      if (draftBytes(body.data) > draftLimits.maxDataBytes) throw new AppError('DRAFT_TOO_LARGE');
      const service = await catalog.getServiceFor(auth.personId, serviceCode);
      const form = await forms.getLatest(service.form_key);
      // A draft of an older version would be restored into a form whose fields differ: the phone starts afresh instead.
      if (body.formVersion !== form.version) throw new AppError('DRAFT_FORM_OUTDATED');
      const unknown = unknownDraftKeys(form.schema, body.data);
      if (unknown.length > 0) throw new AppError('DRAFT_FIELDS_UNKNOWN', { fields: unknown.map((key) => ({ key, code: 'unknown', message: '表单中没有该项目' })) });
      const saved = await db.transaction().execute(async (tx) => {
        const draft = await repo.upsertDraft(tx, { personId: auth.personId, serviceId: service.id, formVersion: form.version, data: body.data });
        await files.holdForDraft(tx, { draftId: draft.id, personId: auth.personId, form: form.schema, values: body.data });
        return draft;
      });
      return draftToSummaryDto({ service_code: service.code, service_name: service.name, service_icon: service.icon, form_version: form.version, updated_at: saved.updated_at });
    },

    /** My drafts, newest first. */
    async list(auth: Auth): Promise<DraftListDto> {
      const rows = await repo.findDraftsOfPerson(db, auth.personId, LIST_LIMIT);
      return { items: rows.map(draftToSummaryDto) };
    },

    /** My draft of a service (null when none), for a service I may still apply to. */
    async get(auth: Auth, serviceCode: string): Promise<MyDraftDto> {
      const service = await catalog.getServiceFor(auth.personId, serviceCode);
      const row = await repo.findDraft(db, auth.personId, service.id);
      return { draft: row ? draftToDto(row) : null };
    },

    /** Deletes my draft of a service; idempotent, and possible after the service went offline. */
    async remove(auth: Auth, serviceCode: string): Promise<void> {
      await repo.deleteDraftByCode(db, auth.personId, serviceCode);
    },

    /** The submit of a service deletes the applicant's draft of it, in the submit's transaction. */
    discardOnSubmit: (tx: Executor, personId: string, serviceId: string): Promise<void> => repo.deleteDraft(tx, personId, serviceId),
  };
}
