import { z } from 'zod';

/**
 * Roles (角色): what a person holds beyond their place in the organisation —
 * 系统管理员 (`admin`, the only role the hall itself knows, made by a
 * migration), and the school's own (信息中心技术人员, 教务处工作人员…), which
 * approval steps name ("role" assignees). A role may be held for the whole
 * school or for one department (辅导员 of 计算机学院).
 */

/** The role every installation has; holding it opens the admin console. */
export const ADMIN_ROLE = 'admin';

/** A role's code: what process definitions name, lower case. */
export const roleCodePattern = /^[a-z][a-z0-9_]{1,31}$/;

export const roleCodeParams = z.object({ code: z.string().regex(roleCodePattern, '角色编码为 2–32 位小写字母、数字或下划线，以字母开头') });

export const createRoleBody = z.object({
  code: roleCodeParams.shape.code,
  name: z.string().trim().min(1, '请填写角色名称').max(30, '角色名称最多 30 个字'),
});
export type CreateRoleBody = z.infer<typeof createRoleBody>;

export const grantRoleBody = z.object({
  /** The 学号/工号 of the person who is to hold the role. */
  accountNo: z.string().trim().min(1, '请填写学号/工号').max(32),
  /** Held for this department only; absent: for the whole school. */
  departmentCode: z.string().trim().min(1).max(32).optional(),
});
export type GrantRoleBody = z.infer<typeof grantRoleBody>;

export const revokeRoleBody = z.object({
  personId: z.uuid(),
  /** The department the role was held for; absent or null: the whole school. */
  departmentCode: z.string().max(32).nullish(),
});
export type RevokeRoleBody = z.infer<typeof revokeRoleBody>;

export const roleHolderDto = z.object({
  personId: z.uuid(),
  name: z.string(),
  /** One of the person's 学号/工号 (an active one first). */
  accountNo: z.string().nullable(),
  departmentCode: z.string().nullable(),
  departmentName: z.string().nullable(),
});
export type RoleHolderDto = z.infer<typeof roleHolderDto>;

export const roleDto = z.object({
  code: z.string(),
  name: z.string(),
  /** The hall's own role (系统管理员): it cannot be missing. */
  builtIn: z.boolean(),
  holders: z.array(roleHolderDto),
});
export type RoleDto = z.infer<typeof roleDto>;

export const roleListDto = z.object({ items: z.array(roleDto) });
export type RoleListDto = z.infer<typeof roleListDto>;
