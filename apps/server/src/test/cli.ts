import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** apps/server: where the CLI and the child scripts run from. */
export const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Variables the config reads: never inherited from the test runner's environment. */
const CONFIG_VARS = [
  'NODE_ENV',
  'PORT',
  'HOST',
  'PUBLIC_URL',
  'DATA_DIR',
  'DATABASE_URL',
  'DB_POOL_MAX',
  'REDIS_URL',
  'SECRET_KEY',
  'LOG_LEVEL',
  'SMTP_URL',
  'JOBS',
  'METRICS',
];

function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const k of CONFIG_VARS) delete base[k];
  // vitest marks its own process; a child must behave like a normal one.
  delete base.VITEST;
  delete base.VITEST_POOL_ID;
  delete base.VITEST_WORKER_ID;
  return { ...base, LOG_LEVEL: 'warn', ...env };
}

/** Starts a TypeScript entry point (relative to apps/server) with tsx and the `source` condition. */
export function spawnTs(script: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx/esm', '--conditions=source', script, ...args], {
    cwd: SERVER_DIR,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function spawnCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawnTs('src/cli/main.ts', args, env);
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Collects a child's output until it exits; kills it (and fails) after `timeoutMs`. */
export function finished(child: ChildProcess, timeoutMs = 60_000): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child did not exit within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs?: number): Promise<Finished> {
  return finished(spawnCli(args, env), timeoutMs);
}

/** Resolves with the first stdout line matching `re` (the child keeps running). */
export function waitForLine(child: ChildProcess, re: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let errors = '';
    const onErr = (d: Buffer) => {
      errors += d.toString();
    };
    const onData = (d: Buffer) => {
      buffer += d.toString();
      const m = re.exec(buffer);
      if (m) {
        cleanup();
        resolve(m);
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`child exited (${code}) before printing ${re}\nstdout:\n${buffer}\nstderr:\n${errors}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no line matching ${re} within ${timeoutMs} ms\nstdout:\n${buffer}\nstderr:\n${errors}`));
    }, timeoutMs);
    function cleanup() {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onErr);
      child.off('exit', onExit);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onErr);
    child.on('exit', onExit);
  });
}
