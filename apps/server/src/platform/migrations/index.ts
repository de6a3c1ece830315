import type { Migration } from 'kysely/migration';
import * as foundation from './2026-11-24T0001-foundation.ts';
import * as approvalEngine from './2026-11-25T0001-approval-engine.ts';
import * as audit from './2026-11-25T0002-audit.ts';
import * as verification from './2026-11-25T0003-verification.ts';
import * as identityProviders from './2026-11-25T0004-identity-providers.ts';
import * as binding from './2026-11-25T0005-binding.ts';
import * as wecomPending from './2026-11-25T0006-wecom-pending.ts';
import * as peopleImport from './2026-11-25T0007-people-import.ts';
import * as catalogPersonal from './2026-11-25T0008-catalog-personal.ts';
import * as inboxLists from './2026-11-25T0009-inbox-lists.ts';
import * as files from './2026-11-25T0010-files.ts';
import * as peopleSearch from './2026-11-25T0011-people-search.ts';
import * as drafts from './2026-11-25T0012-drafts.ts';
import * as draftFiles from './2026-11-25T0013-draft-files.ts';
import * as adminRole from './2026-12-08T0014-admin-role.ts';
import * as idTypes from './2026-12-08T0015-id-types.ts';

/** Every migration, by name. Names sort in time order; files are frozen once released. */
export const migrations: Record<string, Migration> = {
  '2026-11-24T0001-foundation': foundation,
  '2026-11-25T0001-approval-engine': approvalEngine,
  '2026-11-25T0002-audit': audit,
  '2026-11-25T0003-verification': verification,
  '2026-11-25T0004-identity-providers': identityProviders,
  '2026-11-25T0005-binding': binding,
  '2026-11-25T0006-wecom-pending': wecomPending,
  '2026-11-25T0007-people-import': peopleImport,
  '2026-11-25T0008-catalog-personal': catalogPersonal,
  '2026-11-25T0009-inbox-lists': inboxLists,
  '2026-11-25T0010-files': files,
  '2026-11-25T0011-people-search': peopleSearch,
  '2026-11-25T0012-drafts': drafts,
  '2026-11-25T0013-draft-files': draftFiles,
  '2026-12-08T0014-admin-role': adminRole,
  '2026-12-08T0015-id-types': idTypes,
};
