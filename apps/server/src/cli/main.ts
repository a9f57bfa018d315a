#!/usr/bin/env node
import { EmailSchema, PasswordSchema } from '@switchboard/contracts';
import { Command } from 'commander';
import { buildApp } from '../app.js';
import { type Config, ConfigError, loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/client.js';
import { DataDirLockedError } from '../platform/db/lock.js';
import { runMigrations } from '../platform/db/migrate.js';
import { createAdmin } from './create-admin.js';
import { seedDemo } from './seed-demo.js';
import { serve } from './serve.js';

class UsageError extends Error {}

function config(): Config {
  return loadConfig(process.env);
}

async function run(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n\nSee .env.example for every variable.\n`);
      process.exit(1);
    }
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    if (err instanceof DataDirLockedError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  }
}

const program = new Command()
  .name('switchboard')
  .description('Switchboard: self-hosted customer service. Configuration comes from environment variables (see .env.example).')
  .showHelpAfterError();

program
  .command('serve')
  .description('Apply migrations and start the HTTP server, realtime and job workers')
  .option('--demo-if-empty', 'on an empty database, create the demo workspace and print its admin login', false)
  .action((opts: { demoIfEmpty: boolean }) => run(() => serve(config(), opts)));

program
  .command('migrate')
  .description('Apply pending database migrations and exit')
  .action(() =>
    run(async () => {
      const c = config();
      const db = await openDatabase({ url: c.DATABASE_URL, dataDir: c.dataDir });
      try {
        await runMigrations(db);
        process.stdout.write('Migrations applied.\n');
      } finally {
        await db.close();
      }
    }),
  );

program
  .command('create-admin')
  .description('Create an admin (or reset an existing user to admin with a new password)')
  .requiredOption('--email <email>', 'the admin email')
  .option('--name <name>', 'display name', 'Administrator')
  .option('--password <password>', 'password (at least 10 characters); generated and printed when omitted')
  .option('--workspace <slug>', 'workspace slug (default: the primary workspace, created if none exists)')
  .action((opts: { email: string; name: string; password?: string; workspace?: string }) =>
    run(async () => {
      // Check the arguments before opening (and migrating) the database.
      const email = EmailSchema.safeParse(opts.email);
      const password = opts.password === undefined ? null : PasswordSchema.safeParse(opts.password);
      const bad = [
        email.success ? null : `--email: ${email.error.issues[0]?.message}`,
        password && !password.success ? `--password: ${password.error.issues[0]?.message}` : null,
      ].filter(Boolean);
      if (bad.length) throw new UsageError(bad.join('\n'));
      const app = await buildApp(config(), { workers: false });
      try {
        const result = await createAdmin(app, opts);
        process.stdout.write(`Admin ${result.email} ${result.created ? 'created' : 'updated'} in workspace "${result.workspace}".\n`);
        if (result.generatedPassword) process.stdout.write(`Password: ${result.generatedPassword}\n`);
      } finally {
        await app.server.close();
      }
    }),
  );

program
  .command('seed-demo')
  .description('Create a demo workspace with staff and customers (more data as features land)')
  .option('--customers <n>', 'number of customers', '300')
  .option('--agents <n>', 'number of agents', '12')
  .option('--slug <slug>', 'workspace slug', 'acme')
  .option('--password <password>', 'password of every demo staff account (generated when omitted)')
  .action((opts: { customers: string; agents: string; slug: string; password?: string }) =>
    run(async () => {
      const app = await buildApp(config(), { workers: false });
      try {
        const password = opts.password ?? (await import('../platform/crypto.js')).randomToken(12);
        const result = await seedDemo(app, { password, customers: Number(opts.customers), agents: Number(opts.agents), slug: opts.slug });
        process.stdout.write(
          `\nDemo workspace "${result.workspace.name}" (${result.workspace.slug}): ${result.staff} staff, ${result.customers} customers.\nAdmin: ${result.adminEmail} / ${password}\n`,
        );
      } finally {
        await app.server.close();
      }
    }),
  );

await program.parseAsync(process.argv);
