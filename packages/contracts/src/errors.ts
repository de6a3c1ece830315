/**
 * Every error the API returns carries one of these codes. The server maps a
 * code to its HTTP status; the front ends show the message from this table.
 * Codes are stable: never rename one, add a new one instead.
 */
export const errorCodes = {
  VALIDATION_FAILED: { status: 400, zh: '提交的内容不符合要求', en: 'The request is not valid' },
  FORM_INVALID: { status: 400, zh: '表单填写有误，请检查标红的项目', en: 'The form has errors' },
  NOT_AUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please log in' },
  SESSION_EXPIRED: { status: 401, zh: '登录已过期，请重新登录', en: 'Your session has expired' },
  INVALID_CREDENTIALS: { status: 401, zh: '账号或密码错误', en: 'Wrong account number or password' },
  ACCOUNT_LOCKED: { status: 423, zh: '密码错误次数过多，账号已暂时锁定', en: 'Too many failed attempts; the account is locked for a while' },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用，请联系信息中心', en: 'This account is disabled' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, zh: '首次登录请先修改初始密码', en: 'Please change your initial password first' },
  PASSWORD_TOO_WEAK: { status: 400, zh: '新密码不符合密码规则', en: 'The new password does not meet the rules' },
  PASSWORD_UNCHANGED: { status: 400, zh: '新密码不能与原密码相同', en: 'The new password must differ from the old one' },
  WRONG_PASSWORD: { status: 400, zh: '原密码不正确', en: 'The current password is wrong' },
  CSRF_FAILED: { status: 403, zh: '页面已过期，请刷新后重试', en: 'The page has expired; reload and try again' },
  FORBIDDEN: { status: 403, zh: '没有权限进行此操作', en: 'You may not do this' },
  NOT_FOUND: { status: 404, zh: '内容不存在', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such API route' },
  SERVICE_NOT_FOUND: { status: 404, zh: '服务不存在或已下线', en: 'No such service' },
  /** The service declares an audience (e.g. teachers and staff) that the caller is not part of; the server's message names it. */
  SERVICE_NOT_FOR_AUDIENCE: { status: 403, zh: '该服务不面向您的身份开放，不能查看或申请', en: 'This service is not offered to people of your kind' },
  APPLICATION_NOT_FOUND: { status: 404, zh: '申请单不存在', en: 'No such application' },
  TASK_NOT_FOUND: { status: 404, zh: '待办不存在', en: 'No such task' },
  NOT_ASSIGNEE: { status: 403, zh: '这不是您的待办', en: 'This task is not yours' },
  TASK_ALREADY_HANDLED: { status: 409, zh: '该事项已被处理', en: 'This task has already been handled' },
  APPLICATION_ENDED: { status: 409, zh: '申请单已办结', en: 'The application has ended' },
  CONCURRENT_UPDATE: { status: 409, zh: '数据已被他人修改，请刷新后重试', en: 'Changed by someone else; reload and retry' },
  ASSIGNEE_NOT_FOUND: { status: 422, zh: '找不到审批人，暂时无法提交，请联系服务负责部门', en: 'No approver could be found for a step' },
  OPINION_REQUIRED: { status: 400, zh: '请填写审批意见', en: 'An opinion is required' },
  ACTION_NOT_ALLOWED: { status: 403, zh: '当前环节不允许此操作', en: 'This action is not allowed at this step' },
  CHOICE_REQUIRED: { status: 422, zh: '请为下一环节选择审批人', en: 'Choose the approvers of the next step' },
  SEND_BACK_TARGET_INVALID: { status: 400, zh: '不能退回到该环节', en: 'Cannot send back to that step' },
  WITHDRAW_NOT_ALLOWED: { status: 409, zh: '审批已开始，无法撤回', en: 'Approval has started; it can no longer be withdrawn' },
  URGE_TOO_SOON: { status: 429, zh: '每个待办一小时内只能催办一次', en: 'Each task can be urged once an hour' },
  FIELD_NOT_WRITABLE: { status: 403, zh: '当前环节不能修改该字段', en: 'That field cannot be changed at this step' },
  SIGNER_INVALID: { status: 400, zh: '所选人员无效或已在本环节中', en: 'That person cannot be added or removed here' },
  NOT_APPLICANT: { status: 403, zh: '只有申请人可以进行此操作', en: 'Only the applicant may do this' },
  NOT_RETURNED: { status: 409, zh: '申请单未被退回，无需重新提交', en: 'The application was not sent back' },
  PERSON_NOT_FOUND: { status: 404, zh: '人员不存在', en: 'No such person' },
  MESSAGE_NOT_FOUND: { status: 404, zh: '消息不存在', en: 'No such message' },
  IDENTITY_PROVIDER_UNAVAILABLE: { status: 503, zh: '统一身份认证暂时无法连接，请稍后再试', en: 'The identity provider cannot be reached; try again later' },
  CAS_TICKET_INVALID: { status: 401, zh: '统一身份认证登录未完成或已失效，请重新登录', en: 'The CAS login did not complete or has expired; log in again' },
  OIDC_LOGIN_INVALID: { status: 401, zh: '统一身份认证登录未完成或已失效，请重新登录', en: 'The OpenID Connect login did not complete or has expired; log in again' },
  ACCOUNT_NO_TAKEN: { status: 409, zh: '该学号/工号已被使用', en: 'That account number is already taken' },
  CANNOT_DISABLE_OWN_ACCOUNT: { status: 409, zh: '不能停用您正在使用的账号', en: 'You cannot disable the account you are using' },
  ROLE_NOT_FOUND: { status: 404, zh: '没有这个角色', en: 'No such role' },
  ROLE_EXISTS: { status: 409, zh: '已有这个编码的角色', en: 'A role with this code exists already' },
  ACCOUNT_NOT_FOUND: { status: 404, zh: '没有这个学号/工号的账号：请先导入该人员', en: 'No account has this number' },
  CLASS_NOT_FOUND: { status: 404, zh: '没有这个编码的班级', en: 'No class has this code' },
  DEPARTMENT_NOT_FOUND: { status: 404, zh: '没有这个编码的部门', en: 'No department has this code' },
  ADMIN_ROLE_SCHOOL_WIDE: { status: 400, zh: '系统管理员面向全校，不能只授予某个部门', en: 'The administrator role is for the whole school, not one department' },
  CANNOT_REVOKE_OWN_ADMIN: { status: 409, zh: '不能取消您自己的系统管理员角色：请由另一位管理员操作', en: 'You cannot take your own administrator role away' },
  PEOPLE_IMPORT_CONFLICT: { status: 409, zh: '导入期间人员数据被修改（例如另一次导入）：请重新检查文件后再导入', en: 'People changed during the import; check the file again and import' },
  ORGANIZATION_IMPORT_CONFLICT: { status: 409, zh: '导入期间组织机构被修改（例如另一次导入）：请重新检查文件后再导入', en: 'The organisation changed during the import; check the file again and import' },
  WECOM_LOGIN_INVALID: { status: 401, zh: '企业微信登录未完成或已失效，请重新进入', en: 'The WeCom login did not complete or has expired; open the hall again' },
  WECOM_NOT_MEMBER: { status: 403, zh: '您还不是本校企业微信的成员：请先加入学校企业微信（或联系信息中心），再进行注册', en: 'You are not a member of the school’s WeCom yet' },
  WECOM_OUTSIDE_VISIBLE_RANGE: { status: 403, zh: '您不在办事大厅应用的可见范围内，请联系信息中心开通后再注册', en: 'You are outside the hall app’s visible range in WeCom' },
  WECOM_BOUND_TO_OTHER: { status: 409, zh: '这个企业微信已绑定其他账号（如旧学号）：请先用原账号解除绑定，再绑定新账号', en: 'This WeCom user is bound to another account; unbind it first' },
  PERSON_BOUND_TO_OTHER_WECOM: { status: 409, zh: '您的账号已绑定其他企业微信：请先解除绑定，再用当前企业微信注册', en: 'Your account is bound to another WeCom user; unbind it first' },
  LOGIN_NOT_FRESH: { status: 403, zh: '为确认是本人操作，请重新登录后再继续', en: 'Please log in again to continue' },
  ALREADY_BOUND: { status: 409, zh: '您已完成绑定；如需更换，请先解除绑定', en: 'Already bound; unbind first to change it' },
  NOT_BOUND: { status: 409, zh: '您尚未绑定，无需解除', en: 'Not bound' },
  ACCOUNT_NOT_IN_DIRECTORY: { status: 403, zh: '身份认证已通过，但办事大厅中没有您的账号信息，请联系信息中心', en: 'Authenticated, but the hall has no account for you; contact the IT centre' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交的内容过大', en: 'The request is too large' },
  RATE_LIMITED: { status: 429, zh: '操作过于频繁，请稍后再试', en: 'Too many requests' },
  INTERNAL: { status: 500, zh: '系统繁忙，请稍后再试', en: 'Something went wrong' },
  UNAVAILABLE: { status: 503, zh: '服务暂不可用', en: 'Service unavailable' },
  // SMS verification codes (binding a phone number)
  SMS_SEND_TOO_SOON: { status: 429, zh: '验证码已发送，请稍后再获取', en: 'A code was just sent; wait before asking for another' },
  SMS_PHONE_LIMIT: { status: 429, zh: '该手机号获取验证码次数过多，请稍后再试', en: 'Too many codes for this phone number; try again later' },
  SMS_ACCOUNT_LIMIT: { status: 429, zh: '您获取验证码次数过多，请稍后再试', en: 'You asked for too many codes; try again later' },
  SMS_IP_LIMIT: { status: 429, zh: '当前网络获取验证码次数过多，请稍后再试', en: 'Too many codes asked from this network; try again later' },
  SMS_DAILY_BUDGET_EXHAUSTED: { status: 503, zh: '今日短信发送量已达上限，请明天再试', en: "Today's SMS budget of the hall is used up; try again tomorrow" },
  SMS_DELIVERY_FAILED: { status: 422, zh: '短信发送失败，请确认手机号正确后重新获取', en: 'The SMS could not be delivered; check the number and ask again' },
  VERIFICATION_CODE_NOT_FOUND: { status: 400, zh: '请先获取验证码', en: 'Ask for a code first' },
  VERIFICATION_CODE_WRONG: { status: 400, zh: '验证码不正确', en: 'The code is wrong' },
  VERIFICATION_CODE_EXPIRED: { status: 400, zh: '验证码已过期，请重新获取', en: 'The code has expired; ask for a new one' },
  VERIFICATION_CODE_USED: { status: 409, zh: '验证码已使用，请重新获取', en: 'The code has already been used; ask for a new one' },
  VERIFICATION_TOO_MANY_ATTEMPTS: { status: 429, zh: '验证码错误次数过多，请重新获取', en: 'Too many wrong codes; ask for a new one' },
  PHONE_NOT_VERIFIED: { status: 403, zh: '手机号未验证或验证已过期，请重新验证', en: 'The phone number is not verified, or the verification has expired' },
  // Attachments (uploaded to the staging area, linked to an application at submit)
  FILE_REQUIRED: { status: 400, zh: '请选择要上传的文件', en: 'Choose a file to upload' },
  FILE_EMPTY: { status: 400, zh: '文件是空的，请重新选择', en: 'The file is empty' },
  FILE_TOO_LARGE: { status: 413, zh: '文件过大，无法上传', en: 'The file is too large' },
  FILE_TYPE_NOT_ALLOWED: { status: 415, zh: '不支持上传这种类型的文件', en: 'Files of this type cannot be uploaded' },
  FILE_CONTENT_MISMATCH: { status: 415, zh: '文件内容与扩展名不符（可能是改过扩展名的文件），请上传原始文件', en: 'The file’s content does not match its extension' },
  FILE_NOT_FOUND: { status: 404, zh: '文件不存在或已过期，请重新上传', en: 'No such file, or it has expired; upload it again' },
  FILE_ALREADY_LINKED: { status: 409, zh: '该文件已用于另一份申请，请重新上传', en: 'This file belongs to another application; upload it again' },
  // Drafts kept on the server (草稿)
  DRAFT_TOO_LARGE: { status: 413, zh: '草稿内容过多，无法保存到服务器（本机仍保留）', en: 'The draft is too large to be saved on the server' },
  /** The draft holds keys that are not fields of the service's form; `fields` lists them. */
  DRAFT_FIELDS_UNKNOWN: { status: 400, zh: '草稿中有表单不存在的项目，无法保存', en: 'The draft holds fields the form does not have' },
  /** The form was published again since the page opened: the draft of the old version is not kept. */
  DRAFT_FORM_OUTDATED: { status: 409, zh: '表单已更新，请刷新页面后重新填写', en: 'The form has changed; reload the page' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof errorCodes;

/** The message for a code in the given language (zh-CN first). */
export function errorMessage(code: string, lang: 'zh' | 'en' = 'zh'): string {
  const entry = (errorCodes as Record<string, { zh: string; en: string }>)[code];
  return entry ? entry[lang] : errorCodes.INTERNAL[lang];
}
