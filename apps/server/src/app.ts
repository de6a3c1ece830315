import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { limits } from '@onehall/contracts';
import type { Config } from './platform/config.ts';
import type { Db } from './platform/db.ts';
import { installErrorHandling } from './platform/http-errors.ts';
import { serveFrontEnds } from './platform/static.ts';
import type { JobHandler } from './platform/jobs.ts';
import { registerIdentityRoutes } from './modules/identity/identity.routes.ts';
import { registerCatalogRoutes } from './modules/catalog/catalog.routes.ts';
import { registerWorkflowRoutes } from './modules/workflow/workflow.routes.ts';
import { registerWorkflowAdminRoutes } from './modules/workflow/workflow.admin-routes.ts';
import { registerInboxRoutes } from './modules/inbox/inbox.routes.ts';
import { registerAdminRoutes } from './modules/admin/admin.routes.ts';
import { registerAuditRoutes } from './modules/audit/audit.routes.ts';
import { registerBindingRoutes } from './modules/binding/binding.routes.ts';
import { createNotifyHandlers } from './modules/notify/notify.service.ts';
import { registerMessageRoutes } from './modules/notify/messages.routes.ts';
import { registerVerificationRoutes } from './modules/verification/verification.routes.ts';
import { createVerificationJobHandlers } from './modules/verification/verification.delivery.ts';
import { createSmsProvider } from './modules/verification/sms/sms.factory.ts';
import { registerFilesRoutes } from './modules/files/files.routes.ts';
import { registerDraftsRoutes } from './modules/drafts/drafts.routes.ts';
import { createFilesJobHandlers, filesRecurringJobs } from './modules/files/files.jobs.ts';
import { createServices, type Services } from './services.ts';
import { createPostgresBroadcast, localBroadcast } from './platform/broadcast.ts';
import { redactUrl } from './platform/redact-url.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface AppOptions {
  config: Config;
  db: Db;
  /** Logger settings; tests pass false. */
  logger?: boolean | object;
}

export interface Hall {
  app: FastifyInstance;
  services: Services;
  /** Job handlers of every module, for the worker. */
  jobHandlers: Record<string, JobHandler>;
  /** Jobs the worker runs every so often, kind → seconds (their handlers are in jobHandlers). */
  recurringJobs: Record<string, number>;
}

/**
 * The logger of every hall process (the server adds where lines go): secrets
 * are never logged — cookies, CSRF tokens and authorization headers are
 * redacted, bodies are not logged at all, and one-time secrets in URLs (CAS
 * tickets, OAuth codes and states) are replaced.
 */
export function hallLoggerOptions(config: Pick<Config, 'LOG_LEVEL'>) {
  return {
    level: config.LOG_LEVEL,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
    serializers: {
      req: (request: FastifyRequest) => ({ method: request.method, url: redactUrl(request.url), host: request.host, remoteAddress: request.ip }),
    },
  };
}

/** Builds the HTTP application: platform plugins, then each module's service and routes. */
export async function buildApp(options: AppOptions): Promise<Hall> {
  const { config, db } = options;
  const app = Fastify({
    logger: options.logger ?? hallLoggerOptions(config),
    trustProxy: config.TRUST_PROXY,
    bodyLimit: limits.maxBodyBytes,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
  });
  installErrorHandling(app);

  await app.register(fastifyCookie);
  // Request limits where a route sets config.rateLimit, counted per person once the session is read
  // (before login, per address), in this process's memory.
  await app.register(fastifyRateLimit, { global: false, hook: 'preHandler', keyGenerator: (request) => request.auth?.personId ?? request.ip });
  await app.register(fastifySwagger, {
    openapi: { info: { title: 'OneHall API', description: '一站式网上办事大厅 HTTP API', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(db);
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });

  // On PostgreSQL several server processes may share the database: they tell each other what ended.
  const broadcast = config.DATABASE_URL ? createPostgresBroadcast(config.DATABASE_URL, app.log) : localBroadcast;
  const services = createServices({ db, config, broadcast });
  await broadcast.start();
  app.addHook('onClose', () => broadcast.close());
  const { identity, definitions, catalog, workflow, admin } = services;

  await registerIdentityRoutes(app, { identity, config });
  await registerCatalogRoutes(app, { catalog });
  await registerWorkflowRoutes(app, { workflow });
  await registerWorkflowAdminRoutes(app, { workflow, definitions });
  await registerInboxRoutes(app, { workflow });
  await registerMessageRoutes(app, { messages: services.messages });
  await registerAdminRoutes(app, { admin });
  await registerAuditRoutes(app, { audit: services.audit });
  await registerBindingRoutes(app, { binding: services.binding, wecom: services.wecom, config });
  await registerVerificationRoutes(app, { verification: services.verification });
  await registerFilesRoutes(app, { files: services.files });
  await registerDraftsRoutes(app, { drafts: services.drafts });
  // Fails at boot when the chosen provider's settings are incomplete.
  const sms = createSmsProvider(config, app.log);
  if (sms.name === 'log' && config.NODE_ENV === 'production') app.log.warn('SMS_PROVIDER=log: SMS codes are written to this log, not sent');

  const staticDir = config.STATIC_DIR ? path.resolve(config.STATIC_DIR) : undefined;
  await serveFrontEnds(app, {
    h5: staticDir ? path.join(staticDir, 'h5') : path.join(repoRoot, 'apps/h5/dist'),
    admin: staticDir ? path.join(staticDir, 'admin') : path.join(repoRoot, 'apps/admin/dist'),
  });

  return {
    app,
    services,
    jobHandlers: {
      ...createNotifyHandlers(),
      ...createVerificationJobHandlers({ db, sms, log: app.log }),
      'workflow.timer': (job) => workflow.fireTimer(job.payload as Parameters<typeof workflow.fireTimer>[0]),
      ...createFilesJobHandlers({ files: services.files, log: app.log }),
    },
    recurringJobs: { ...filesRecurringJobs },
  };
}
