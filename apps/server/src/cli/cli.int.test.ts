import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../platform/db/client.js';
import { runCli } from '../test/cli.js';
import { backend, Client, freshDatabase, startApp } from '../test/harness.js';

describe('switchboard CLI', () => {
  it('refuses a bad configuration with exit code 1 and names every bad variable', async () => {
    const result = await runCli(['serve'], { PORT: 'abc', DATABASE_URL: 'mysql://x' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^\s+PORT: /m);
    expect(result.stderr).toMatch(/^\s+DATABASE_URL: .*postgres/m);
    // A configuration mistake is not a crash: no stack trace for the operator to wade through.
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout).not.toMatch(/running at/);
  });

  it('describes each command under --help and exits 0', async () => {
    const commands: [string, RegExp][] = [
      ['serve', /start the HTTP server[\s\S]*--demo-if-empty/],
      ['migrate', /Apply pending database migrations/],
      ['create-admin', /Create an admin[\s\S]*--email <email>[\s\S]*--password <password>/],
      ['seed-demo', /demo workspace[\s\S]*--customers <n>[\s\S]*--tickets <n>/],
      ['bench-seed', /bench\/tickets\.ts[\s\S]*--tickets <n>[\s\S]*--messages <n>/],
    ];
    const results = await Promise.all(commands.map(([command]) => runCli([command, '--help'])));
    commands.forEach(([command, description], i) => {
      const result = results[i];
      expect(result?.code, command).toBe(0);
      expect(result?.stdout, command).toContain(`Usage: switchboard ${command}`);
      expect(result?.stdout, command).toMatch(description);
    });
  });

  it('bench-seed and seed-demo refuse counts that make no sense, before opening a database', async () => {
    const [fewer, zero, negative] = await Promise.all([
      runCli(['bench-seed', '--tickets', '10', '--messages', '5']),
      runCli(['bench-seed', '--tickets', '0']),
      runCli(['seed-demo', '--tickets', '-3']),
    ]);
    for (const r of [fewer, zero]) {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/--tickets must be a positive integer and --messages an integer of at least --tickets/);
    }
    expect(negative.code).toBe(1);
    expect(negative.stderr).toMatch(/--tickets must be a whole number/);
    expect(negative.stderr).not.toMatch(/^\s+at /m);
  });

  describe('on a fresh database', () => {
    let dataDir: string;
    let env: Record<string, string>;
    let fresh: Awaited<ReturnType<typeof freshDatabase>> | null = null;

    beforeAll(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-cli-'));
      env = { DATA_DIR: dataDir };
      if (backend.postgres) {
        fresh = await freshDatabase();
        env.DATABASE_URL = fresh.url ?? '';
      }
    });
    afterAll(async () => {
      await fresh?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('migrate applies the migrations and exits 0', async () => {
      const result = await runCli(['migrate'], env);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Migrations applied.');
      if (!backend.postgres) {
        expect(fs.existsSync(path.join(dataDir, 'pgdata'))).toBe(true);
        // The process let go of the data directory on its way out.
        expect(fs.existsSync(path.join(dataDir, 'switchboard.lock'))).toBe(false);
      }
    }, 60_000);

    it('create-admin rejects a short password with exit code 1', async () => {
      const result = await runCli(['create-admin', '--email', 'boss@example.com', '--password', 'short'], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/10 characters/);
    }, 60_000);

    it('create-admin creates an admin who can sign in, and resets the password when run again', async () => {
      const created = await runCli(['create-admin', '--email', 'Boss@Example.com', '--password', 'first password 123'], env);
      expect(created.stderr).toBe('');
      expect(created.code).toBe(0);
      expect(created.stdout).toMatch(/Admin boss@example\.com created in workspace "support"/);

      const generated = await runCli(['create-admin', '--email', 'boss@example.com'], env);
      expect(generated.code).toBe(0);
      expect(generated.stdout).toMatch(/Admin boss@example\.com updated/);
      const password = /Password: (\S+)/.exec(generated.stdout)?.[1];
      expect(password).toBeTruthy();

      // The CLI has exited; a server on the same data sees the admin.
      const database = fresh ? fresh.database : await openDatabase({ dataDir });
      const app = await startApp({ database });
      try {
        const client = new Client(app);
        const old = await client.post('/api/v1/auth/login', { email: 'boss@example.com', password: 'first password 123' });
        expect(old.statusCode).toBe(401);
        const login = await client.post('/api/v1/auth/login', { email: 'boss@example.com', password });
        expect(login.statusCode).toBe(200);
        expect(login.json().user.email).toBe('boss@example.com');
        const me = await client.get('/api/v1/me');
        expect(me.statusCode).toBe(200);
        expect(me.json().role).toBe('admin');
      } finally {
        await app.close();
        if (!fresh) await database.close();
      }
    }, 80_000);
  });
});
