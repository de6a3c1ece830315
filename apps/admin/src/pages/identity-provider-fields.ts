import { casSettings, ldapSettings, oidcSettings, updateIdentityProviderBody, wecomSettings, type ConfigurableProviderId, type IdentityProviderDto, type UpdateIdentityProviderBody } from '@onehall/contracts';

/**
 * What the 身份认证 page asks of each identity provider, and how its form
 * maps to the API body. The rules themselves are the contracts' zod schemas
 * (ldapSettings, casSettings, updateIdentityProviderBody), run here as they
 * run on the server; this file adds only the Chinese labels and messages.
 */

/** The part of a zod schema the page uses (keeps zod itself out of the console's dependencies). */
interface Checker {
  safeParse(value: unknown): { success: true; data: unknown } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/** How a form value becomes a setting: text as typed (trimmed); optional text empty → null; a number. */
type SettingKind = 'text' | 'optionalText' | 'number';

export interface SettingField {
  key: string;
  label: string;
  help: string;
  placeholder?: string;
  kind: SettingKind;
  /** Said when the value does not fit and the schema's own message is not Chinese. */
  invalid: string;
  check: Checker;
}

export interface ProviderSpec {
  id: ConfigurableProviderId;
  /** The card's title: what the provider is, whatever the display name the administrator chose. */
  title: string;
  /** One line under the title: what enabling it does (with the display name as typed). */
  effect: (displayName: string) => string;
  /** The display name of a provider the server has no row for yet. */
  defaultDisplayName: string;
  /** Where the display name shows, when somewhere people see it. */
  displayNameHelp?: string;
  settings: Checker | null;
  fields: SettingField[];
}

const attributeRule = '须为属性名：以字母开头，只含字母、数字和连字符';
const timeout = (check: Checker): SettingField => ({
  key: 'timeoutMs',
  label: '超时（毫秒）',
  help: '等待对方服务器应答的最长时间，500–30000 毫秒。',
  kind: 'number',
  invalid: '请填写 500–30000 之间的整数',
  check,
});

export const providerSpecs: readonly ProviderSpec[] = [
  {
    id: 'local',
    title: '账号密码',
    effect: () => '办事大厅自己的账号和密码，始终启用；启用 LDAP 后，登录页的密码改由学校目录核对。',
    defaultDisplayName: '账号密码',
    settings: null,
    fields: [],
  },
  {
    id: 'ldap',
    title: 'LDAP（统一身份认证目录）',
    effect: () => '启用后，登录页（含本控制台）输入的密码由学校目录核对，办事大厅自己的密码不再使用。',
    defaultDisplayName: '统一身份认证',
    settings: ldapSettings,
    fields: [
      { key: 'url', label: '服务器地址', placeholder: 'ldaps://ldap.example.edu.cn:636', help: '以 ldap:// 或 ldaps:// 开头，建议使用加密的 ldaps://。', kind: 'text', invalid: '须以 ldap:// 或 ldaps:// 开头', check: ldapSettings.shape.url },
      { key: 'baseDn', label: '基准 DN', placeholder: 'ou=people,dc=example,dc=edu,dc=cn', help: '在这个目录节点之下查找登录的人。', kind: 'text', invalid: '请填写基准 DN（3–300 个字符）', check: ldapSettings.shape.baseDn },
      { key: 'loginAttribute', label: '登录名属性', placeholder: 'uid', help: '登录时输入的账号与目录中的哪个属性比对，常用 uid。', kind: 'text', invalid: attributeRule, check: ldapSettings.shape.loginAttribute },
      {
        key: 'bindDn',
        label: '服务账号 DN（可选）',
        placeholder: 'cn=onehall,ou=services,dc=example,dc=edu,dc=cn',
        help: '填写后先用服务账号按登录名属性查找人员，再以其本人身份核对密码（密码在服务器配置 LDAP_BIND_PASSWORD 中）；留空则直接以“登录名属性=账号,基准 DN”核对。',
        kind: 'optionalText',
        invalid: '不超过 300 个字符',
        check: ldapSettings.shape.bindDn,
      },
      { key: 'accountNoAttribute', label: '学号/工号属性', placeholder: 'uid', help: '目录中存放学号/工号的属性，用它找到办事大厅里的账号。', kind: 'text', invalid: attributeRule, check: ldapSettings.shape.accountNoAttribute },
      timeout(ldapSettings.shape.timeoutMs),
    ],
  },
  {
    id: 'cas',
    title: 'CAS（统一身份认证）',
    effect: (displayName) => `启用后，手机端登录页显示“${displayName.trim() || '统一身份认证'}登录”按钮，跳转到学校的 CAS 登录。`,
    defaultDisplayName: '统一身份认证',
    displayNameHelp: '手机端登录页按钮上的文字：“<显示名称>登录”。',
    settings: casSettings,
    fields: [
      { key: 'baseUrl', label: '服务器地址', placeholder: 'https://cas.example.edu.cn/cas', help: 'CAS 服务的根地址，即登录地址去掉末尾的 /login。', kind: 'text', invalid: '须为以 http:// 或 https:// 开头的完整地址', check: casSettings.shape.baseUrl },
      {
        key: 'accountNoAttribute',
        label: '学号/工号属性（可选）',
        placeholder: '留空则使用 CAS 用户名',
        help: 'CAS 返回的哪个属性是学号/工号；留空则使用 CAS 用户名。',
        kind: 'optionalText',
        invalid: '须为属性名：以字母开头，只含字母、数字和 _ : . -',
        check: casSettings.shape.accountNoAttribute,
      },
      timeout(casSettings.shape.timeoutMs),
    ],
  },
  {
    id: 'oidc',
    title: 'OpenID Connect',
    effect: (displayName) => `启用后，手机端登录页显示“${displayName.trim() || '统一身份认证'}登录”按钮，跳转到 OpenID Connect 提供方登录（授权码 + PKCE）。`,
    defaultDisplayName: '统一身份认证',
    displayNameHelp: '手机端登录页按钮上的文字：“<显示名称>登录”。',
    settings: oidcSettings,
    fields: [
      { key: 'issuer', label: '颁发者地址（issuer）', placeholder: 'https://idp.example.edu.cn', help: '提供方的 issuer，办事大厅从其 /.well-known/openid-configuration 读取端点。', kind: 'text', invalid: '须为以 http:// 或 https:// 开头的完整地址', check: oidcSettings.shape.issuer },
      { key: 'clientId', label: '客户端 ID', placeholder: 'onehall', help: '在提供方登记的客户端 ID；客户端密钥在服务器配置 OIDC_CLIENT_SECRET 中。', kind: 'text', invalid: '请填写客户端 ID（1–200 个字符）', check: oidcSettings.shape.clientId },
      { key: 'scopes', label: '权限范围（scope）', placeholder: 'openid profile', help: '以空格分隔，须包含 openid。', kind: 'text', invalid: '以空格分隔的 scope，如 openid profile', check: oidcSettings.shape.scopes },
      { key: 'accountNoClaim', label: '学号/工号声明', placeholder: 'preferred_username', help: 'ID Token 中存放学号/工号的声明（claim）。', kind: 'text', invalid: '须为声明名：以字母或下划线开头', check: oidcSettings.shape.accountNoClaim },
      timeout(oidcSettings.shape.timeoutMs),
    ],
  },
  {
    id: 'wecom',
    title: '企业微信',
    effect: () => '启用后，在企业微信中打开办事大厅时由企业微信确认身份：已绑定的成员直接进入，未绑定的进入注册；成员手机号与填写的一致时无需短信验证码。',
    defaultDisplayName: '企业微信',
    settings: wecomSettings,
    fields: [
      { key: 'corpId', label: '企业 ID（CorpID）', placeholder: 'ww0123456789abcdef', help: '企业微信管理后台“我的企业”中的企业 ID；应用的 Secret 在服务器配置 WECOM_SECRET 中。', kind: 'text', invalid: '企业 ID 为字母或数字', check: wecomSettings.shape.corpId },
      { key: 'agentId', label: '应用 AgentId', placeholder: '1000002', help: '办事大厅所在自建应用的 AgentId；应用的可信域名须为办事大厅的域名。', kind: 'number', invalid: '请填写正整数', check: wecomSettings.shape.agentId },
      { key: 'apiBaseUrl', label: 'API 地址', placeholder: 'https://qyapi.weixin.qq.com', help: '一般不需修改；私有化部署或测试时改为对应地址。', kind: 'text', invalid: '须为以 http:// 或 https:// 开头的完整地址', check: wecomSettings.shape.apiBaseUrl },
      { key: 'authorizeUrl', label: '网页授权地址', placeholder: 'https://open.weixin.qq.com/connect/oauth2/authorize', help: '一般不需修改。', kind: 'text', invalid: '须为以 http:// 或 https:// 开头的完整地址', check: wecomSettings.shape.authorizeUrl },
      timeout(wecomSettings.shape.timeoutMs),
      {
        key: 'followQrUrl',
        label: '关注企业号二维码（可选）',
        placeholder: 'https://www.example.edu.cn/wecom-qr.png',
        help: '注册第②步“长按并关注微信企业号”显示的二维码图片地址（未启用企业微信登录时也显示）；留空则使用服务器配置 WECOM_FOLLOW_QR_URL（如有）。',
        kind: 'optionalText',
        invalid: '须为以 http:// 或 https:// 开头的完整地址，不超过 500 个字符',
        check: wecomSettings.shape.followQrUrl,
      },
    ],
  },
];

export type SettingValue = string | number | null;

/** The card's form: the settings under `settings`, so their names never meet `displayName`. */
export interface ProviderFormValues {
  enabled: boolean;
  displayName: string;
  settings: Record<string, SettingValue>;
}

/** A form field name, as antd's Form takes it. */
export type FieldName = ['enabled'] | ['displayName'] | ['settings', string];

export interface FieldError {
  name: FieldName;
  message: string;
}

const displayNameInvalid = '请填写显示名称（1–40 个字）';
const hasChinese = (text: string) => /[\u4e00-\u9fff]/.test(text);

/** The schema's message when it is Chinese (a rule's own, e.g. the LDAP URL's), else the field's. */
function messageOf(spec: ProviderSpec, name: FieldName, schemaMessage: string): string {
  if (hasChinese(schemaMessage)) return schemaMessage;
  if (name[0] === 'displayName') return displayNameInvalid;
  if (name[0] === 'settings') return spec.fields.find((field) => field.key === name[1])?.invalid ?? '格式不正确';
  return '格式不正确';
}

/** A saved setting as the form shows it; a setting never saved shows the schema's default (uid, 5000…). */
function formValueOf(field: SettingField, saved: unknown): SettingValue {
  if (saved === undefined) {
    const fallback = field.check.safeParse(undefined);
    saved = fallback.success ? fallback.data : undefined;
  }
  if (field.kind === 'number') return typeof saved === 'number' ? saved : null;
  return typeof saved === 'string' ? saved : '';
}

/** What the form holds for a value of the form. */
function settingValueOf(field: SettingField, value: SettingValue | undefined): SettingValue {
  if (field.kind === 'number') return typeof value === 'number' ? value : null;
  const text = typeof value === 'string' ? value.trim() : '';
  return field.kind === 'optionalText' && text === '' ? null : text;
}

/** The form's values for a provider as the server has it (or its defaults when it has none yet). */
export function formValuesOf(spec: ProviderSpec, provider: IdentityProviderDto | undefined): ProviderFormValues {
  const saved = provider?.settings ?? {};
  return {
    enabled: spec.id === 'local' ? true : (provider?.enabled ?? false),
    displayName: provider?.displayName ?? spec.defaultDisplayName,
    settings: Object.fromEntries(spec.fields.map((field) => [field.key, formValueOf(field, saved[field.key])])),
  };
}

/** The body the form's values make. `local` is always enabled and has no settings. */
export function bodyOf(spec: ProviderSpec, values: ProviderFormValues): UpdateIdentityProviderBody {
  return {
    enabled: spec.id === 'local' ? true : values.enabled,
    displayName: (values.displayName ?? '').trim(),
    settings: Object.fromEntries(spec.fields.map((field) => [field.key, settingValueOf(field, values.settings?.[field.key])])),
  };
}

/** What the server would say of the body, checked with the same schemas; an empty list when it would take it. */
export function checkBody(spec: ProviderSpec, body: UpdateIdentityProviderBody): FieldError[] {
  const errors: FieldError[] = [];
  const parsedBody = updateIdentityProviderBody.safeParse(body);
  if (!parsedBody.success) {
    for (const issue of parsedBody.error.issues) {
      const name = fieldNameOf(spec, issue.path.map(String).join('.'));
      if (name) errors.push({ name, message: messageOf(spec, name, issue.message) });
    }
  }
  const parsedSettings = spec.settings?.safeParse(body.settings);
  if (parsedSettings && !parsedSettings.success) {
    for (const issue of parsedSettings.error.issues) {
      const name = fieldNameOf(spec, `settings.${issue.path.map(String).join('.')}`);
      if (name) errors.push({ name, message: messageOf(spec, name, issue.message) });
    }
  }
  return errors;
}

/**
 * The form field an error's key names: `displayName`, or a setting given as
 * `settings.url` (the body's schema) or `url` (the settings' schema, as the
 * server reports it). Null when the card has no such field.
 */
export function fieldNameOf(spec: ProviderSpec, key: string): FieldName | null {
  if (key === 'displayName' || key === 'enabled') return [key];
  const setting = key.replace(/^settings\.?/, '').split('.')[0] ?? '';
  return spec.fields.some((field) => field.key === setting) ? ['settings', setting] : null;
}

/** The server's field errors, placed on the card's fields; `unplaced` keeps the messages of keys the card does not show. */
export function placeServerErrors(spec: ProviderSpec, fields: readonly { key: string; message: string }[]): { placed: FieldError[]; unplaced: string[] } {
  const placed: FieldError[] = [];
  const unplaced: string[] = [];
  for (const field of fields) {
    const name = fieldNameOf(spec, field.key);
    if (name) placed.push({ name, message: messageOf(spec, name, field.message) });
    else unplaced.push(hasChinese(field.message) ? field.message : `${field.key}：格式不正确`);
  }
  return { placed, unplaced };
}

/** A form rule checking one setting with its own schema, as it is typed. */
export function checkSetting(spec: ProviderSpec, field: SettingField, value: SettingValue | undefined): string | null {
  const parsed = field.check.safeParse(settingValueOf(field, value));
  return parsed.success ? null : messageOf(spec, ['settings', field.key], parsed.error.issues[0]?.message ?? '');
}

/** The same for the display name. */
export function checkDisplayName(spec: ProviderSpec, value: string | undefined): string | null {
  const parsed = updateIdentityProviderBody.shape.displayName.safeParse(value ?? '');
  return parsed.success ? null : messageOf(spec, ['displayName'], parsed.error.issues[0]?.message ?? '');
}
