/** Limits shared by the server and the front ends. */
export const limits = {
  /** Largest JSON body the API accepts, in bytes. */
  maxBodyBytes: 256 * 1024,
  opinionMaxLength: 500,
  searchMaxLength: 40,
  pageSizeDefault: 20,
  pageSizeMax: 50,
  password: { minLength: 8, maxLength: 64 },
  /** Initial local passwords are the last 8 characters of the ID number. */
  initialPasswordLength: 8,
} as const;

/** Drafts kept on the server (草稿, see drafts.ts). */
export const draftLimits = {
  /** Largest draft, in bytes of its JSON (kept under limits.maxBodyBytes so the draft's own error answers). */
  maxDataBytes: 200 * 1024,
  /** The phone saves to the server this long after the last change. */
  saveDelayMs: 2000,
} as const;

/** The rules of SMS codes: the server enforces them, the front ends show them (countdowns, hints). */
export const verificationRules = {
  codeLength: 6,
  expiresInSeconds: 5 * 60,
  /** Wrong codes allowed; the last one kills the code. */
  maxWrongAttempts: 5,
  /** A successful check may be used once by the flow that asked for it, within this time. */
  verifiedForSeconds: 10 * 60,
  /** Sends per phone number (all purposes, all accounts), counted over the last minute / hour / 24 hours. */
  perPhone: { minute: 1, hour: 5, day: 10 },
} as const;

/**
 * The password rule shown on the change-password screen and enforced by the
 * server: 8–64 characters with at least three of: lower case, upper case,
 * digit, symbol; not the initial password.
 */
export const passwordRuleText = {
  zh: '密码长度 8–64 位，至少包含大写字母、小写字母、数字、符号中的三种，且不能与初始密码相同',
  en: '8–64 characters, with at least three of: upper case, lower case, digits, symbols; not the initial password',
};

/** Returns the list of rule violations (empty when the password is acceptable). */
export function checkPasswordRule(password: string): string[] {
  const problems: string[] = [];
  if (password.length < limits.password.minLength) problems.push(`至少 ${limits.password.minLength} 位`);
  if (password.length > limits.password.maxLength) problems.push(`不超过 ${limits.password.maxLength} 位`);
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('至少包含大写字母、小写字母、数字、符号中的三种');
  return problems;
}
