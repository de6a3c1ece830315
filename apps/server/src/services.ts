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
import { createWorkflowService } from './modules/workflow/workflow.service.ts';
import { createAdminService } from './modules/admin/admin.service.ts';
import { createVerificationService } from './modules/verification/verification.service.ts';

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
  const forms = createFormsService({ db, cacheSeconds });
  const definitions = createDefinitionsService({ db, forms, cacheSeconds });
  const catalog = createCatalogService({ db, forms, definitions, cacheSeconds });
  const workflow = createWorkflowService({ db, identity, catalog, forms, definitions });
  const admin = createAdminService({ identity, catalog, workflow });
  const verification = createVerificationService({ db, config, audit });
  const binding = createBindingService({ db, audit, identity, verification, fallbackFollowQrUrl: config.WECOM_FOLLOW_QR_URL });
  const wecom = createWecomLogin({ db, config, identity });
  return { audit, identity, forms, definitions, catalog, workflow, admin, verification, binding, wecom };
}

export type Services = ReturnType<typeof createServices>;
