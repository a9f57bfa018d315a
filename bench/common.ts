import os from 'node:os';

/** Password of every seeded bench user (seed-demo and bench-seed are given it). */
export const PASSWORD = 'bench-password-123';

export const round2 = (n: number) => Math.round(n * 100) / 100;

export function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
}

export interface Auth {
  cookie: string;
  csrfToken: string;
  bearer: string;
}

/** Signs in with the bench password and mints a personal API token with `scopes`. */
export async function signInWithToken(baseUrl: string, email: string, scopes: readonly string[]): Promise<Auth> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const body = (await res.json()) as { status?: string; csrfToken?: string };
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('sb_session='))
    ?.split(';')[0];
  if (res.status !== 200 || body.status !== 'ok' || !cookie || !body.csrfToken) {
    throw new Error(`login failed: ${res.status} ${JSON.stringify(body)}`);
  }
  const tokenRes = await fetch(`${baseUrl}/api/v1/me/tokens`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': body.csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench', scopes }),
  });
  const token = (await tokenRes.json()) as { token?: string };
  if (tokenRes.status !== 201 || !token.token) throw new Error(`token creation failed: ${tokenRes.status} ${JSON.stringify(token)}`);
  return { cookie, csrfToken: body.csrfToken, bearer: token.token };
}

/** A Markdown table on stdout: the first `textColumns` columns left-aligned, the numbers right-aligned. */
export function printTable(head: string[], cells: string[][], textColumns: number): void {
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) =>
    `| ${c.map((v, i) => (i < textColumns ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => `${'-'.repeat(w + 1)}${i < textColumns ? '-' : ':'}`).join('|')}|`;
  process.stdout.write(`\n${[line(head), rule, ...cells.map(line)].join('\n')}\n`);
}

export function machine() {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    nproc: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage1m: round2(os.loadavg()[0] ?? 0),
  };
}
