import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { finished, runCli, spawnCli, spawnTs, waitForLine } from '../../test/cli.js';
import { backend } from '../../test/harness.js';
import { outboxEvents } from '../events/outbox.schema.js';
import { type Database, openDatabase } from './client.js';
import { DataDirLockedError } from './lock.js';
import { runMigrations } from './migrate.js';

const CHILD = 'src/test/datadir-child.ts';
const dirs: string[] = [];
const children: { kill(signal: NodeJS.Signals): boolean; exitCode: number | null; signalCode: string | null }[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-datadir-'));
  dirs.push(dir);
  return dir;
}

function lockFile(dir: string): string {
  return path.join(dir, 'switchboard.lock');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

describe.skipIf(!!backend.postgres)('embedded data directory (PGlite)', () => {
  // One directory, created and migrated once (initdb is the slow part); every test starts with
  // nobody holding it and leaves it released.
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    const database = await openDatabase({ dataDir: dir });
    await runMigrations(database);
    await database.close();
  });
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to open the same directory twice in one process, naming the directory', async () => {
    const first = await openDatabase({ dataDir: dir });
    try {
      const second = openDatabase({ dataDir: dir });
      await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(second).rejects.toThrow(dir);
      // The refused open left the first one working.
      await first.ping();
    } finally {
      await first.close();
    }
    expect(fs.existsSync(lockFile(dir))).toBe(false);
    // Once closed, the directory can be opened again.
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  }, 60_000);

  it('refuses a directory held by another process, naming the directory and the holder pid', async () => {
    const child = spawnTs(CHILD, ['hold', dir]);
    children.push(child);
    const exit = finished(child);
    const [, pid] = await waitForLine(child, /ready (\d+)/);
    expect(Number(pid)).toBe(child.pid);

    const error = await openDatabase({ dataDir: dir }).then(
      (db) => db.close().then(() => null),
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as Error).message).toContain(dir);
    expect((error as Error).message).toContain(`pid ${child.pid}`);

    // The CLI tells the operator the same thing, without a stack trace.
    const migrate = await runCli(['migrate'], { DATA_DIR: dir });
    expect(migrate.code).toBe(1);
    expect(migrate.stderr).toContain(dir);
    expect(migrate.stderr).toContain(`pid ${child.pid}`);
    expect(migrate.stderr).not.toMatch(/^\s+at /m);

    // The holder is still fine and shuts down cleanly, releasing the lock.
    child.kill('SIGTERM');
    expect((await exit).code).toBe(0);
    expect(fs.existsSync(lockFile(dir))).toBe(false);
  }, 80_000);

  it('keeps every committed row when the process is killed with SIGKILL, and takes over the stale lock', async () => {
    const child = spawnTs(CHILD, ['write', dir]);
    children.push(child);
    const committed: string[] = [];
    let buffer = '';
    let killed = false;
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      buffer += d;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^committed (\S+)$/.exec(line);
        if (m?.[1]) committed.push(m[1]);
      }
      if (!killed && committed.length >= 200) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    const exit = finished(child, 80_000);
    const result = await exit;
    expect(result.signal).toBe('SIGKILL');
    expect(committed.length).toBeGreaterThanOrEqual(200);

    // The dead writer's lock is still on disk...
    const stale = JSON.parse(fs.readFileSync(lockFile(dir), 'utf8')) as { pid: number };
    expect(stale.pid).toBe(child.pid);

    // ...and is taken over: the directory opens, and nothing committed was lost.
    let database: Database | null = null;
    try {
      database = await openDatabase({ dataDir: dir });
      const found = new Set<string>();
      for (let i = 0; i < committed.length; i += 100) {
        const rows = await database.db
          .select({ id: outboxEvents.id })
          .from(outboxEvents)
          .where(inArray(outboxEvents.id, committed.slice(i, i + 100)));
        for (const r of rows) found.add(r.id);
      }
      const missing = committed.filter((id) => !found.has(id));
      expect(missing).toEqual([]);
      const lock = JSON.parse(fs.readFileSync(lockFile(dir), 'utf8')) as { pid: number };
      expect(lock.pid).toBe(process.pid);
    } finally {
      await database?.close();
    }
  }, 85_000);

  it('`switchboard serve` exits 0 on SIGTERM and releases the data directory', async () => {
    const port = await freePort();
    const child = spawnCli(['serve'], { DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1' });
    children.push(child);
    const exit = finished(child, 80_000);
    await waitForLine(child, /Switchboard is running at (\S+)/);
    expect(fs.existsSync(lockFile(dir))).toBe(true);

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);

    child.kill('SIGTERM');
    const result = await exit;
    expect(result.code).toBe(0);
    expect(fs.existsSync(lockFile(dir))).toBe(false);
    // The port is free again and the directory opens at once.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    const database = await openDatabase({ dataDir: dir });
    await database.close();
  }, 85_000);
});
