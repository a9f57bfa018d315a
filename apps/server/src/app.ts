import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import pino from 'pino';
import { registerAssistant } from './modules/assistant/index.js';
import { registerAssistantInsights } from './modules/assistant/insights/index.js';
import { auditRoutes } from './modules/audit/index.js';
import { registerChannels } from './modules/channels/index.js';
import { registerChat } from './modules/chat/index.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { registerHelpCenter } from './modules/helpcenter/index.js';
import { registerIdentity } from './modules/identity/index.js';
import { registerKb } from './modules/kb/index.js';
import { registerNotifications } from './modules/notifications/index.js';
import { registerRouting } from './modules/routing/index.js';
import { registerSla } from './modules/sla/index.js';
import { registerTickets } from './modules/tickets/index.js';
import { workspacesRoutes, workspacesService } from './modules/workspaces/index.js';
import type { Config } from './platform/config.js';
import { type Database, openDatabase } from './platform/db/client.js';
import { runMigrations } from './platform/db/migrate.js';
import { OUTBOX_PRUNE_JOB } from './platform/events/outbox.js';
import { registerErrorHandling } from './platform/http/error-handler.js';
import './platform/http/request.js';
import { uuidv7 } from './platform/ids.js';
import { loggerOptions } from './platform/logger.js';
import { createPlatform, type Platform, type PlatformOverrides } from './platform/platform.js';
import { Realtime } from './platform/realtime.js';

export interface BuildOptions extends PlatformOverrides {
  /** Use this database instead of opening one from the config (tests share setup). */
  database?: Database;
  /** Apply migrations before serving (default true). */
  migrate?: boolean;
  /** Start the job workers and the outbox dispatcher (default: config.JOBS). */
  workers?: boolean;
  /** The built chat widget served at /widget/ (default apps/widget/dist). */
  widgetDistDir?: string;
}

export interface App {
  server: FastifyInstance;
  platform: Platform;
  services: Awaited<ReturnType<typeof registerModules>>;
}

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
const WIDGET_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../widget/dist');

async function registerModules(app: FastifyInstance, p: Platform) {
  const workspaces = workspacesService(p);
  const identity = await registerIdentity(app, p, workspaces);
  await app.register(workspacesRoutes(workspaces));
  await app.register(auditRoutes(p));
  await app.register(healthRoutes(p));
  const tickets = await registerTickets(app, p);
  const routing = await registerRouting(app, p, tickets);
  const sla = await registerSla(app, p, tickets);
  const channels = await registerChannels(app, p);
  const chat = await registerChat(app, p, tickets, channels);
  const kb = await registerKb(app, p, tickets);
  const helpcenter = await registerHelpCenter(app, p, { tickets, workspaces, auth: identity.auth });
  const assistant = await registerAssistant(app, p, { tickets, chat });
  await registerAssistantInsights(app, p, kb);
  const notifications = await registerNotifications(app, p);
  return { workspaces, ...identity, tickets, routing, sla, channels, chat, kb, helpcenter, assistant, notifications };
}

/** Builds the whole application without listening: `main.ts` listens, tests use `inject`. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  const logger = pino(loggerOptions(config));
  const database =
    options.database ??
    (await openDatabase({
      url: config.DATABASE_URL,
      dataDir: config.dataDir,
      poolMax: config.DB_POOL_MAX,
      prepared: config.DB_PREPARED_STATEMENTS,
    }));
  try {
    if (options.migrate !== false) await runMigrations(database);
    const platform = createPlatform(config, logger, database, options);

    const app = Fastify({
      loggerInstance: logger as unknown as FastifyBaseLogger,
      trustProxy: config.TRUST_PROXY,
      genReqId: (req) => {
        const given = req.headers['x-request-id'];
        return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : uuidv7();
      },
      requestIdHeader: false,
      bodyLimit: 1024 * 1024,
    });
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    app.addHook('onSend', async (req, reply) => {
      reply.header('x-request-id', req.id);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'strict-origin-when-cross-origin');
      if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    });
    registerErrorHandling(app);
    platform.metrics.register(app);
    platform.realtime = new Realtime(app.server, logger.child({ component: 'realtime' }), config.REDIS_URL);

    await app.register(fastifyCookie);
    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: 'Switchboard API', version: '1', description: 'Every error is application/problem+json with a stable `code`.' },
        components: {
          securitySchemes: {
            bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token (sbp_...)' },
            session: { type: 'apiKey', in: 'cookie', name: 'sb_session' },
          },
        },
        security: [{ bearer: [] }, { session: [] }],
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
    app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

    const services = await registerModules(app, platform);
    await services.chat.serveWidget(app, options.widgetDistDir ?? WIDGET_DIST);
    await registerWebApp(app, config.WEB_DIST_DIR ?? WEB_DIST);

    app.addHook('onClose', async () => {
      await platform.outbox.stop();
      await platform.jobs.stop();
      await platform.realtime?.close();
      await platform.close();
      if (!options.database) await database.close();
    });

    await platform.jobs.start({ work: options.workers ?? config.JOBS });
    if (options.workers ?? config.JOBS) {
      platform.outbox.start();
      await platform.jobs.pgBoss.schedule(services.cleanupJob, '17 3 * * *', {});
      await platform.jobs.pgBoss.schedule(OUTBOX_PRUNE_JOB, '23 3 * * *', {});
      await platform.jobs.pgBoss.schedule(services.tickets.autoCloseJob, '41 * * * *', {});
      await platform.jobs.pgBoss.schedule(services.sla.sweepJob, services.sla.sweepCron, {});
      await platform.jobs.pgBoss.schedule(services.chat.sweepJob, services.chat.sweepCron, {});
    }
    await app.ready();
    return { server: app, platform, services };
  } catch (err) {
    if (!options.database) await database.close().catch(() => {});
    throw err;
  }
}

/** Serves the built SPA: assets with long caching, and index.html for client-side routes. */
async function registerWebApp(app: FastifyInstance, dir: string): Promise<void> {
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) return;
  await app.register(fastifyStatic, {
    root: dir,
    wildcard: false,
    index: false,
    setHeaders(reply, file) {
      reply.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const html = fs.readFileSync(index, 'utf8');
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    const url = req.url.split('?')[0] ?? '/';
    if (url.startsWith('/api/') || url === '/api') return reply.callNotFound();
    const file = path.join(dir, path.normalize(url));
    if (file.startsWith(dir) && path.extname(url) && fs.existsSync(file)) return reply.sendFile(path.relative(dir, file));
    if (path.extname(url)) return reply.callNotFound();
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  });
}
