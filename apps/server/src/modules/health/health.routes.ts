import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appliedMigrationCount, expectedMigrationCount } from '../../platform/db/migrate.js';
import type { Platform } from '../../platform/platform.js';

const HealthSchema = z.object({ status: z.enum(['ok', 'unavailable']), checks: z.record(z.string(), z.string()).optional() });

/** Liveness, readiness and Prometheus metrics; unauthenticated, meant for probes and scrapers. */
export function healthRoutes(p: Platform): FastifyPluginAsyncZod {
  const expected = expectedMigrationCount();
  return async (app) => {
    app.get(
      '/healthz',
      { schema: { tags: ['ops'], summary: 'The process is up', response: { 200: HealthSchema } }, logLevel: 'warn' },
      async () => ({
        status: 'ok' as const,
      }),
    );

    app.get(
      '/readyz',
      {
        schema: {
          tags: ['ops'],
          summary: 'The database is reachable and fully migrated',
          response: { 200: HealthSchema, 503: HealthSchema },
        },
        logLevel: 'warn',
      },
      async (_req, reply) => {
        const checks: Record<string, string> = {};
        try {
          await p.database.ping();
          checks.database = 'ok';
          const applied = await appliedMigrationCount(p.database);
          checks.migrations = applied >= expected ? 'ok' : `pending (${applied}/${expected})`;
        } catch (err) {
          checks.database = `unreachable: ${(err as Error).message}`;
        }
        const ok = Object.values(checks).every((v) => v === 'ok');
        return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', checks });
      },
    );

    if (p.config.METRICS) {
      app.get('/metrics', { schema: { hide: true }, logLevel: 'warn' }, async (_req, reply) => {
        reply.type(p.metrics.registry.contentType);
        return p.metrics.registry.metrics();
      });
    }
  };
}
