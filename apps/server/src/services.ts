import type { Config } from './platform/config.ts';
import type { Broadcast } from './platform/broadcast.ts';
import type { Db } from './platform/db.ts';
import { createAuditService } from './modules/audit/audit.service.ts';
import { createBindingService } from './modules/binding/binding.service.ts';
import { createWecomLogin } from './modules/binding/wecom-login.ts';
import { createIdentityService } from './modules/identity/identity.service.ts';
import { createFormsService } from './modules/forms/forms.service.ts';
import { createDefinitionsService } from './modules/workflow/definitions.service.ts';
import { createCatalogService } from './modules/catalog/catalog.service.ts';
import { createActivityService } from './modules/workflow/activity.service.ts';
import { createWorkflowService } from './modules/workflow/workflow.service.ts';
import { createFilesService } from './modules/files/files.service.ts';
import { createDraftsService } from './modules/drafts/drafts.service.ts';
import { createAdminService } from './modules/admin/admin.service.ts';
import { createVerificationService } from './modules/verification/verification.service.ts';
import { createMessagesService } from './modules/notify/messages.service.ts';

/**
 * The services of every module, in dependency order, over one database
 * handle. A module reaches another only through its service. Tests build a
 * second set over a second connection pool to race two processes.
 */
export function createServices(deps: { db: Db; config: Config; broadcast?: Broadcast }) {
  const { db, config } = deps;
  // The audit log names actors through the directory; `identity` is defined by the time anyone lists it.
  const audit = createAuditService({ db, findPeopleNames: (ids) => identity.findPeopleNames(ids) });
  const identity = createIdentityService({ db, config, audit, ...(deps.broadcast ? { broadcast: deps.broadcast } : {}) });
  const cacheSeconds = config.LOOKUP_CACHE_SECONDS;
  const forms = createFormsService({ db, cacheSeconds, directory: { findPeopleNames: (ids) => identity.findPeopleNames(ids), findDepartmentNames: (ids) => identity.lookups.findDepartmentNames(ids) } });
  const definitions = createDefinitionsService({ db, forms, cacheSeconds });
  const activity = createActivityService({ db });
  const findPersonKind = async (personId: string) => (await identity.findPersonProfile(personId))?.kind ?? null;
  const catalog = createCatalogService({ db, forms, definitions, activity, findPersonKind, cacheSeconds });
  // Attachments are read by whoever may read their application; `workflow` is defined by the time anyone downloads.
  const files = createFilesService({ db, config, mayReadApplication: (caller, applicationId) => workflow.mayReadApplication(caller, applicationId) });
  const drafts = createDraftsService({ db, catalog, forms, files });
  const workflow = createWorkflowService({ db, identity, catalog, forms, definitions, files, drafts });
  const admin = createAdminService({ identity, catalog, workflow });
  const verification = createVerificationService({ db, config, audit });
  const binding = createBindingService({ db, audit, identity, verification, fallbackFollowQrUrl: config.WECOM_FOLLOW_QR_URL });
  const wecom = createWecomLogin({ db, config, identity });
  const messages = createMessagesService({ db });
  return { audit, identity, forms, definitions, catalog, workflow, admin, verification, binding, wecom, messages, files, drafts };
}

export type Services = ReturnType<typeof createServices>;
