import { ADMIN_ROLE, type CreateRoleBody, type GrantRoleBody, type RevokeRoleBody, type RoleListDto } from '@onehall/contracts';
import type { Db, Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { AuditService, RequestOrigin } from '../audit/audit.service.ts';
import * as identityRepo from './identity.repository.ts';
import * as peopleRepo from './people.repository.ts';
import * as repo from './roles.repository.ts';

/** Who changes a role: an administrator, or the command line (personId null, label 'hall cli'). */
export interface RoleActor {
  personId: string | null;
  label: string;
}

/**
 * Roles (角色) for administrators, and for the operator's first
 * administrator from the command line: the list with who holds each, new
 * roles, and giving or taking one — for the whole school or one department.
 * A change is audited and takes effect at once: the holder's sessions are
 * read again (their roles come with the session) in every server process,
 * and the role lookups approval steps make are dropped here.
 */
export function createRoleAdmin(deps: {
  db: Db;
  audit: AuditService;
  /** Has every process read the person's sessions again, in the transaction; `forget` after commit. */
  refreshSessions: (executor: Executor, personId: string) => Promise<{ forget: () => void }>;
  onChanged: () => void;
}) {
  const { db, audit, refreshSessions, onChanged } = deps;

  async function list(): Promise<RoleListDto> {
    const [roles, holders] = await Promise.all([repo.findRoles(db), repo.findHolders(db)]);
    const accountNo = new Map((await peopleRepo.findPeopleWithAccount(db, [...new Set(holders.map((h) => h.person_id))])).map((p) => [p.id, p.account_no]));
    return {
      items: roles.map((role) => ({
        code: role.code,
        name: role.name,
        builtIn: role.code === ADMIN_ROLE,
        holders: holders
          .filter((h) => h.role_code === role.code)
          .map((h) => ({ personId: h.person_id, name: h.name, accountNo: accountNo.get(h.person_id) ?? null, departmentCode: h.department_code, departmentName: h.department_name })),
      })),
    };
  }

  async function roleOf(code: string) {
    const role = await repo.findRole(db, code);
    if (!role) throw new AppError('ROLE_NOT_FOUND');
    return role;
  }

  async function departmentIdOf(code: string | null | undefined): Promise<string | null> {
    if (!code) return null;
    const department = await repo.findDepartmentByCode(db, code);
    if (!department) throw new AppError('DEPARTMENT_NOT_FOUND');
    return department.id;
  }

  /** Writes a holder change with its audit entry and the sessions' refresh, in one transaction; nothing when `write` changed nothing. */
  async function changeHolder(actor: RoleActor, action: 'roleGranted' | 'roleRevoked', code: string, personId: string, detail: Record<string, unknown>, origin: RequestOrigin, write: (tx: Executor) => Promise<boolean>): Promise<void> {
    const refreshed = await db.transaction().execute(async (tx) => {
      if (!(await write(tx))) return null;
      await audit.record(tx, { action, outcome: 'ok', actorPersonId: actor.personId, actorLabel: actor.label, target: `role:${code}`, origin, detail });
      return refreshSessions(tx, personId);
    });
    if (!refreshed) return;
    refreshed.forget();
    onChanged();
  }

  return {
    list,

    /** A new role (the school's own: 信息中心技术人员…), held by nobody yet. 409 ROLE_EXISTS. */
    async create(actor: RoleActor, body: CreateRoleBody, origin: RequestOrigin): Promise<RoleListDto> {
      const created = await db.transaction().execute(async (tx) => {
        if (!(await repo.insertRole(tx, body))) return false;
        await audit.record(tx, { action: 'roleCreated', outcome: 'ok', actorPersonId: actor.personId, actorLabel: actor.label, target: `role:${body.code}`, origin, detail: { name: body.name } });
        return true;
      });
      if (!created) throw new AppError('ROLE_EXISTS');
      return list();
    },

    /** Gives the role to the person with this 学号/工号 (for one department, or the school); holding it already changes nothing. */
    async grant(actor: RoleActor, code: string, body: GrantRoleBody, origin: RequestOrigin): Promise<RoleListDto> {
      await roleOf(code);
      if (code === ADMIN_ROLE && body.departmentCode) throw new AppError('ADMIN_ROLE_SCHOOL_WIDE');
      const account = await identityRepo.findAccountByNo(db, body.accountNo);
      if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
      if (account.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
      const departmentId = await departmentIdOf(body.departmentCode);
      const detail = { accountNo: body.accountNo, departmentCode: body.departmentCode ?? null };
      await changeHolder(actor, 'roleGranted', code, account.person_id, detail, origin, (tx) => repo.insertHolder(tx, { personId: account.person_id, roleCode: code, departmentId }));
      return list();
    },

    /**
     * Takes the role away. An administrator cannot take their own 系统管理员
     * away: the console would lock them out, and with them perhaps the last one.
     */
    async revoke(actor: RoleActor, code: string, body: RevokeRoleBody, origin: RequestOrigin): Promise<RoleListDto> {
      await roleOf(code);
      if (code === ADMIN_ROLE && body.personId === actor.personId) throw new AppError('CANNOT_REVOKE_OWN_ADMIN');
      const departmentId = await departmentIdOf(body.departmentCode);
      const detail = { personId: body.personId, departmentCode: body.departmentCode ?? null };
      await changeHolder(actor, 'roleRevoked', code, body.personId, detail, origin, (tx) => repo.deleteHolder(tx, { personId: body.personId, roleCode: code, departmentId }));
      return list();
    },
  };
}
