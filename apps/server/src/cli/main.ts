#!/usr/bin/env node
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmailSchema, PasswordSchema } from '@switchboard/contracts';
import { Command } from 'commander';
import { buildApp } from '../app.js';
import { type Config, ConfigError, loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/client.js';
import { DataDirLockedError } from '../platform/db/lock.js';
import { runMigrations } from '../platform/db/migrate.js';
import { benchSeed } from './bench-seed.js';
import { createAdmin } from './create-admin.js';
import { seedDemo } from './seed-demo.js';
import { serve } from './serve.js';

class UsageError extends Error {}

/** ../shared/datasets beside the repository (from src/cli or dist/cli). */
const DATASETS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/datasets');

interface BenchSeedCliOptions {
  tickets: string;
  messages: string;
  workspace: string;
  agents: string;
  password?: string;
  datasets: string;
  json: boolean;
}

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
  .description('Create a demo workspace with staff, customers and tickets (English and Chinese)')
  .option('--customers <n>', 'number of customers', '300')
  .option('--agents <n>', 'number of agents', '12')
  .option('--tickets <n>', 'number of tickets, with replies, notes and status changes', '200')
  .option('--slug <slug>', 'workspace slug', 'acme')
  .option('--password <password>', 'password of every demo staff account (generated when omitted)')
  .action((opts: { customers: string; agents: string; tickets: string; slug: string; password?: string }) =>
    run(async () => {
      const counts = { customers: Number(opts.customers), agents: Number(opts.agents), tickets: Number(opts.tickets) };
      const bad = Object.entries(counts).filter(([, n]) => !Number.isInteger(n) || n < 0);
      if (bad.length) throw new UsageError(bad.map(([k]) => `--${k} must be a whole number`).join('\n'));
      const app = await buildApp(config(), { workers: false });
      try {
        const password = opts.password ?? (await import('../platform/crypto.js')).randomToken(12);
        const result = await seedDemo(app, { password, ...counts, slug: opts.slug });
        process.stdout.write(
          `\nDemo workspace "${result.workspace.name}" (${result.workspace.slug}): ${result.staff} staff, ${result.customers} customers, ${result.tickets} tickets.\nAdmin: ${result.adminEmail} / ${password}\n`,
        );
      } finally {
        await app.server.close();
      }
    }),
  );

program
  .command('bench-seed')
  .description('Fill a new workspace with N tickets and M messages for bench/tickets.ts (set-based SQL, no events; not for production)')
  .option('--tickets <n>', 'number of tickets', '100000')
  .option('--messages <n>', 'number of messages (about; events included)', '1000000')
  .option('--workspace <slug>', 'slug of the new workspace', 'bench')
  .option('--agents <n>', 'number of agents', '20')
  .option('--password <password>', 'password of every staff account (generated when omitted)')
  .option('--datasets <dir>', 'folder with banking77/ and bitext_customer_support/ (English texts)', DATASETS_DIR)
  .option('--json', 'print the result as JSON', false)
  .action((opts: BenchSeedCliOptions) =>
    run(async () => {
      const tickets = Number(opts.tickets);
      const messages = Number(opts.messages);
      if (!Number.isInteger(tickets) || tickets < 1 || !Number.isInteger(messages) || messages < tickets) {
        throw new UsageError('--tickets must be a positive integer and --messages an integer of at least --tickets');
      }
      if (!Number.isInteger(Number(opts.agents)) || Number(opts.agents) < 1) throw new UsageError('--agents must be a positive integer');
      const app = await buildApp(config(), { workers: false });
      try {
        const password = opts.password ?? (await import('../platform/crypto.js')).randomToken(12);
        const r = await benchSeed(app, {
          tickets,
          messages,
          password,
          slug: opts.workspace,
          agents: Number(opts.agents),
          datasetsDir: opts.datasets,
          quiet: opts.json,
        });
        const { customerEmail: _, ...result } = r;
        if (opts.json) process.stdout.write(`${JSON.stringify({ ...result, password })}\n`);
        else {
          process.stdout.write(
            `\nWorkspace "${r.slug}": ${r.tickets} tickets, ${r.messages} messages, ${r.customers} customers (${r.customerEmail(0)} …), ${r.agentEmails.length} agents.\n` +
              `Admin: ${r.adminEmail} / ${password}\nAgents: ${r.agentEmails[0]} … (same password)\n` +
              `Seeded in ${r.seconds.total} s (people ${r.seconds.people}, texts ${r.seconds.texts}, tickets ${r.seconds.tickets}, messages ${r.seconds.messages}, vacuum analyze ${r.seconds.analyze}).\n`,
          );
        }
      } finally {
        await app.server.close();
      }
    }),
  );

await program.parseAsync(process.argv);
