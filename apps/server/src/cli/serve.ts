import { buildApp } from '../app.js';
import type { Config } from '../platform/config.js';
import { ensureSetup } from './setup.js';

/** Starts the server; on SIGTERM/SIGINT stops taking work, drains, and closes the database. */
export async function serve(config: Config, opts: { demoIfEmpty: boolean }): Promise<void> {
  const app = await buildApp(config);
  const { server, platform } = app;
  const setup = await ensureSetup(app, { demo: opts.demoIfEmpty });
  await server.listen({ port: config.PORT, host: config.HOST });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const lines = [
    '',
    `  Switchboard is running at ${config.publicUrl.replace(`:${config.PORT}`, `:${port}`)}`,
    `  Storage: ${platform.database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'}`,
  ];
  if (setup.createdAdmin) {
    lines.push(
      '',
      '  A demo workspace was created. Sign in as its admin:',
      `    email:    ${setup.createdAdmin.email}`,
      `    password: ${setup.createdAdmin.password}`,
      '  (shown once; change it under Security settings, or reset it with `switchboard create-admin`)',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    platform.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      platform.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    try {
      await server.close();
      process.exit(0);
    } catch (err) {
      platform.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
