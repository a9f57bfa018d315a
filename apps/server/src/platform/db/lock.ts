import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `The data directory ${dataDir} is in use by another Switchboard process (pid ${holderPid} on this host). ` +
        'Only one process may open an embedded database. Stop the other process, or set DATABASE_URL to use PostgreSQL for several processes.',
    );
    this.name = 'DataDirLockedError';
  }
}

function fileMtime(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DataDirLock {
  release(): void;
}

/** Directories this process holds, so a second open inside one process is refused too. */
const held = new Set<string>();
const HEARTBEAT_MS = 5_000;
const FOREIGN_STALE_MS = 30_000;

/**
 * An exclusive lock on the embedded data directory: `<dir>/switchboard.lock` created with
 * O_EXCL and holding our pid and host. A lock whose process is gone (crash, kill -9) is taken
 * over; a live holder makes us refuse to open, so there is never a second writer. Holders on
 * another host (a shared volume) cannot be probed by pid, so the holder touches the file every
 * few seconds and a foreign lock is stale once it stops being touched.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  if (held.has(dataDir)) throw new DataDirLockedError(dataDir, process.pid);
  const file = path.join(dataDir, 'switchboard.lock');
  const body = JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, body, { flag: 'wx' });
      held.add(dataDir);
      const heartbeat = setInterval(() => {
        const now = new Date();
        fs.utimes(file, now, now, () => {});
      }, HEARTBEAT_MS);
      heartbeat.unref();
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          clearInterval(heartbeat);
          held.delete(dataDir);
          try {
            const current = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid?: number };
            if (current.pid === process.pid) fs.unlinkSync(file);
          } catch {
            // already gone
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let holder: { pid?: number; host?: string } = {};
      try {
        holder = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch {
        // A half-written lock file: its writer died mid-write; treat as stale.
      }
      const pid = typeof holder.pid === 'number' ? holder.pid : 0;
      const sameHost = !holder.host || holder.host === os.hostname();
      // Our own pid in a lock we do not hold is a previous life of this process id (containers
      // restart as pid 1): stale.
      const live = sameHost ? pid !== 0 && pid !== process.pid && isAlive(pid) : Date.now() - fileMtime(file) < FOREIGN_STALE_MS;
      if (live) throw new DataDirLockedError(dataDir, pid);
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
