import path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads the environment. Every setting is described and,
 * where safe, has a default, so `npm start` on a fresh machine needs none.
 */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development').describe('Runtime mode'),
  HOST: z.string().default('0.0.0.0').describe('Address to listen on'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .describe('PostgreSQL connection URL; without it the embedded PGlite database in DATA_DIR is used'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10).describe('PostgreSQL pool size per process'),
  DATA_DIR: z.string().default('./data').describe('Directory of the embedded database and local files'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level'),
  LOG_PRETTY: booleanFromEnv.optional().describe('Human-readable logs (default: on in development when stdout is a terminal)'),
  TRUST_PROXY: booleanFromEnv.default(false).describe('Trust X-Forwarded-* headers (set behind a reverse proxy)'),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto').describe("Secure cookies: 'auto' sets them when the request came over https"),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30).describe('Session idle timeout'),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12).describe('Session absolute lifetime'),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5).describe('Failed logins before the account locks'),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15).describe('How long a locked account stays locked'),
  PEOPLE_SEARCH_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(60).describe('Searches of the directory (a person field’s 搜索) one person may make a minute in one server process; more are answered 429 RATE_LIMITED'),
  SEED_DEMO: booleanFromEnv.default(true).describe('Seed the demo university into an empty database at start'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional().describe('The hall as people reach it, e.g. https://hall.example.edu.cn: CAS service URLs are built from it (never from request headers)'),
  WECOM_SECRET: z.string().optional().describe('WeCom: the secret of the self-built app the hall runs as (secret)'),
  WECOM_FOLLOW_QR_URL: z.string().max(500).optional().describe('Image URL of the school’s WeCom QR code, shown at the registration step “长按并关注企业号” when the administrator has set none in the WeCom settings (admin console, 身份认证 → 企业微信), which take precedence'),
  OIDC_CLIENT_SECRET: z.string().optional().describe('OpenID Connect: the hall’s client secret at the provider (secret)'),
  LDAP_BIND_PASSWORD: z.string().optional().describe('Password of the LDAP service account (the bindDn in the LDAP settings), when users are found by a search'),
  SESSION_CACHE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(300)
    .default(30)
    .describe('How long a session read is reused in memory; ended sessions are dropped at once in every process, role or account changes show within this time; 0 reads every time'),
  LOOKUP_CACHE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(600)
    .default(10)
    .describe('How long directory and catalog reads (departments, roles, heads, published services, newest form and process versions) are reused; 0 reads every time'),
  WORKER_ENABLED: booleanFromEnv.default(true).describe('Run the background job worker in this process'),
  WORKER_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000).describe('How often the worker looks for due jobs'),
  STATIC_DIR: z.string().optional().describe('Directory holding the built front ends (h5/ and admin/); defaults to apps/*/dist'),
  // Attachments: uploaded to a staging area, linked to an application at submit, stored on disk or in S3-compatible storage.
  FILES_STORAGE: z.enum(['local', 's3']).default('local').describe("Where attachments are kept: 'local' (FILES_DIR on this machine's disk; with several server processes it must be a shared directory) or 's3' (S3-compatible object storage, S3_* settings)"),
  FILES_DIR: z.string().optional().describe('Directory of attachments with FILES_STORAGE=local (default DATA_DIR/files); uploads are checked in its tmp/ before they are kept'),
  FILES_MAX_MB: z.coerce.number().min(0.1).max(1024).default(20).describe('Largest file the hall accepts, in MB (a form field may allow less, never more)'),
  FILES_ALLOWED_TYPES: z
    .string()
    .regex(/^[a-z0-9]+(,[a-z0-9]+)*$/, 'comma-separated extensions, e.g. pdf,jpg,png')
    .optional()
    .describe('Extensions the hall accepts, comma-separated (default: pdf,jpg,jpeg,png,gif,webp,heic,heif,doc,docx,xls,xlsx,ppt,pptx,txt,csv,zip); content must match the extension'),
  FILES_STAGED_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(24).describe('Uploads not linked to a submitted application are deleted after this many hours'),
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional().describe('S3-compatible storage: endpoint URL, e.g. https://oss-cn-hangzhou.aliyuncs.com or http://minio.internal:9000 (default: AWS S3 of S3_REGION)'),
  S3_BUCKET: z.string().optional().describe('S3-compatible storage: the bucket attachments are kept in (required with FILES_STORAGE=s3)'),
  S3_REGION: z.string().default('us-east-1').describe('S3-compatible storage: region (signing region)'),
  S3_ACCESS_KEY_ID: z.string().optional().describe('S3-compatible storage: access key id'),
  S3_SECRET_ACCESS_KEY: z.string().optional().describe('S3-compatible storage: secret access key (secret)'),
  S3_FORCE_PATH_STYLE: booleanFromEnv.default(false).describe('S3-compatible storage: address the bucket in the path (http://host/bucket/key), as MinIO and most self-hosted servers need'),
  // SMS verification codes. Secrets come only from here, never from the database, and are never logged.
  SMS_PROVIDER: z.enum(['log', 'aliyun', 'tencent']).default('log').describe("Who sends SMS codes: 'log' writes them to the server log (development only), 'aliyun' or 'tencent' send real messages"),
  SMS_DAILY_BUDGET: z.coerce.number().int().min(1).max(1_000_000).default(2000).describe('Most SMS codes the hall sends per day (Asia/Shanghai calendar day), all people together'),
  SMS_IP_HOURLY_LIMIT: z.coerce.number().int().min(1).max(10_000).default(20).describe('Most SMS codes asked from one IP address in an hour'),
  SMS_ACCOUNT_DAILY_LIMIT: z.coerce.number().int().min(1).max(1000).default(10).describe('Most SMS codes one account may ask for in 24 hours'),
  SMS_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(5000).describe('How long a call to the SMS provider may take before it counts as failed (and is retried)'),
  ALIYUN_SMS_ACCESS_KEY_ID: z.string().optional().describe('Aliyun SMS (dysmsapi): AccessKey ID of a RAM user allowed dysms:SendSms'),
  ALIYUN_SMS_ACCESS_KEY_SECRET: z.string().optional().describe('Aliyun SMS: AccessKey secret (secret)'),
  ALIYUN_SMS_SIGN_NAME: z.string().optional().describe('Aliyun SMS: approved sign name (短信签名)'),
  ALIYUN_SMS_TEMPLATE_CODE: z.string().optional().describe('Aliyun SMS: approved verification-code template, with the variable ${code}, e.g. SMS_15305xxxx'),
  ALIYUN_SMS_REGION: z.string().default('cn-hangzhou').describe('Aliyun SMS: RegionId'),
  ALIYUN_SMS_ENDPOINT: z.url().default('https://dysmsapi.aliyuncs.com/').describe('Aliyun SMS: API endpoint'),
  TENCENT_SMS_SECRET_ID: z.string().optional().describe('Tencent Cloud SMS (API 3.0): SecretId'),
  TENCENT_SMS_SECRET_KEY: z.string().optional().describe('Tencent Cloud SMS: SecretKey (secret)'),
  TENCENT_SMS_SDK_APP_ID: z.string().optional().describe('Tencent Cloud SMS: SmsSdkAppId of the SMS application'),
  TENCENT_SMS_SIGN_NAME: z.string().optional().describe('Tencent Cloud SMS: approved sign name (短信签名)'),
  TENCENT_SMS_TEMPLATE_ID: z.string().optional().describe('Tencent Cloud SMS: approved template with {1} the code and {2} the minutes it is valid'),
  TENCENT_SMS_REGION: z.string().default('ap-guangzhou').describe('Tencent Cloud SMS: region (X-TC-Region)'),
  TENCENT_SMS_ENDPOINT: z.url().default('https://sms.tencentcloudapi.com/').describe('Tencent Cloud SMS: API endpoint'),
});

export type Config = z.infer<typeof configSchema> & { dataDir: string };

/** Parses the environment (or a given record, in tests); throws a readable error on bad values. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
}

/** The settings with their descriptions, for `hall config`. */
export function describeConfig(): { name: string; description: string }[] {
  return Object.entries(configSchema.shape).map(([name, schema]) => ({ name, description: schema.description ?? '' }));
}
