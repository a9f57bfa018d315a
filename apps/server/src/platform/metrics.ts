import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import type { Database } from './db/client.js';
import type { JobQueue } from './jobs/queue.js';

/**
 * Prometheus metrics on a registry of our own (tests build many apps in one process).
 * Route labels use the route pattern, never the raw URL, to keep cardinality bounded.
 */
export class Metrics {
  readonly registry = new client.Registry();
  private readonly requests: client.Counter<'method' | 'route' | 'status'>;
  private readonly duration: client.Histogram<'method' | 'route' | 'status'>;

  constructor(database: Database, jobs: () => JobQueue | undefined) {
    client.collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    this.requests = new client.Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.duration = new client.Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    new client.Gauge({
      name: 'db_pool_connections',
      help: 'Database connections by state',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const s = database.poolStats();
        this.set({ state: 'total' }, s.total);
        this.set({ state: 'idle' }, s.idle);
        this.set({ state: 'waiting' }, s.waiting);
      },
    });
    new client.Gauge({
      name: 'job_queue_depth',
      help: 'Jobs waiting per queue',
      labelNames: ['queue'],
      registers: [this.registry],
      async collect() {
        const queue = jobs();
        if (!queue) return;
        try {
          for (const [name, depth] of Object.entries(await queue.depths())) this.set({ queue: name }, depth);
        } catch {
          // the queue may be stopping; a scrape must not fail for it
        }
      },
    });
    new client.Gauge({
      name: 'db_driver_info',
      help: 'Which database driver this process uses',
      labelNames: ['driver'],
      registers: [this.registry],
    }).set({ driver: database.kind }, 1);
  }

  register(app: FastifyInstance): void {
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      const labels = { method: request.method, route, status: String(reply.statusCode) };
      this.requests.inc(labels);
      this.duration.observe(labels, reply.elapsedTime / 1000);
    });
  }
}
