import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Outbound HTTP for flow actions, with SSRF protection: only https, every address the host
 * resolves to must be public (no private, loopback, link-local, CGNAT, multicast, reserved or
 * cloud-metadata address, IPv4 or IPv6, IPv4-mapped included), the connection goes to the
 * address that was checked (no DNS rebinding between check and connect), and redirects are
 * followed by hand through the same checks. Hosts on the workspace's development allow-list may
 * use http and private addresses.
 */

const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT (also Alibaba's metadata 100.100.100.200)
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved + broadcast
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 96], // unspecified, loopback, IPv4-compatible
  ['64:ff9b::', 96], // NAT64 (embeds IPv4)
  ['64:ff9b:1::', 48],
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID…)
  ['2001:db8::', 32],
  ['2002::', 16], // 6to4 (embeds IPv4)
  ['fc00::', 7], // unique local (AWS IPv6 metadata fd00:ec2::254)
  ['fe80::', 10], // link-local
  ['fec0::', 10],
  ['ff00::', 8], // multicast
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv6');

/** The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`, `::ffff:a00:1`), else null. */
function mappedIpv4(ip: string): string | null {
  const m = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/i.exec(ip);
  if (!m) return null;
  const tail = m[1] as string;
  if (isIP(tail) === 4) return tail;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(tail);
  if (!hex) return null;
  const hi = Number.parseInt(hex[1] as string, 16);
  const lo = Number.parseInt(hex[2] as string, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Is this IP address one a flow action may never reach (unless allow-listed)? */
export function isBlockedAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const v = isIP(bare);
  if (v === 4) return BLOCKED.check(bare, 'ipv4');
  if (v !== 6) return true;
  const v4 = mappedIpv4(bare);
  if (v4) return BLOCKED.check(v4, 'ipv4');
  return BLOCKED.check(bare, 'ipv6');
}

export class ActionRefused extends Error {
  constructor(
    readonly reason: 'scheme' | 'address' | 'redirect' | 'timeout' | 'network' | 'too_large' | 'url',
    message: string,
  ) {
    super(message);
  }
}

export interface SafeRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | undefined;
  timeoutMs: number;
  /** Development allow-list: these hosts may use http and private addresses. */
  allowHosts: readonly string[];
}

export interface SafeResponse {
  status: number;
  body: unknown;
}

const MAX_REDIRECTS = 3;
const MAX_BYTES = 256 * 1024;

/** Resolves and checks a URL's host; returns the address to connect to. */
async function checkTarget(url: URL, allowHosts: readonly string[]): Promise<{ address: string; family: number }> {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const allowed = allowHosts.includes(host);
  if (url.protocol !== 'https:' && !(allowed && url.protocol === 'http:'))
    throw new ActionRefused('scheme', `Only https URLs may be called (${url.protocol.replace(':', '')} given)`);
  if (url.username || url.password) throw new ActionRefused('url', 'URLs with credentials are not allowed');
  let addresses: Array<{ address: string; family: number }>;
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await dnsLookup(host, { all: true, verbatim: true });
  } catch {
    throw new ActionRefused('network', `Cannot resolve ${host}`);
  }
  if (addresses.length === 0) throw new ActionRefused('network', `Cannot resolve ${host}`);
  if (!allowed) {
    const bad = addresses.find((a) => isBlockedAddress(a.address));
    if (bad) throw new ActionRefused('address', `${host} resolves to a non-public address (${bad.address})`);
  }
  return addresses[0] as { address: string; family: number };
}

function once(req: SafeRequest, url: URL, target: { address: string; family: number }, signal: AbortSignal) {
  // Connect to the checked address; TLS still verifies the certificate for the host name.
  const lookup: LookupFunction = (_h, opts, cb) => {
    if ((opts as { all?: boolean }).all) (cb as (e: null, a: (typeof target)[]) => void)(null, [target]);
    else cb(null, target.address, target.family);
  };
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise<{ status: number; location: string | undefined; type: string; text: string }>((resolve, reject) => {
    const r = mod.request(
      url,
      { method: req.method, headers: { accept: 'application/json', ...req.headers }, lookup, signal, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_BYTES) {
            res.destroy();
            reject(new ActionRefused('too_large', 'The response is too large'));
          } else chunks.push(c);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            location: res.headers.location,
            type: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

/** Calls the URL under the SSRF rules and the timeout (whole exchange, redirects included). */
export async function safeFetch(req: SafeRequest): Promise<SafeResponse> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), req.timeoutMs);
  try {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      throw new ActionRefused('url', 'Not a valid URL');
    }
    let current = req;
    for (let hop = 0; ; hop++) {
      const target = await checkTarget(url, req.allowHosts);
      if (ctrl.signal.aborted) throw new ActionRefused('timeout', `No answer within ${req.timeoutMs} ms`);
      const res = await once(current, url, target, ctrl.signal);
      if (res.status >= 300 && res.status < 400 && res.location) {
        if (hop >= MAX_REDIRECTS) throw new ActionRefused('redirect', 'Too many redirects');
        const next = new URL(res.location, url);
        try {
          await checkTarget(next, req.allowHosts);
        } catch (err) {
          if (err instanceof ActionRefused) throw new ActionRefused('redirect', `Redirect refused: ${err.message}`);
          throw err;
        }
        url = next;
        // 303 (and 301/302 after POST, as browsers do) continue as GET without a body.
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && current.method !== 'GET'))
          current = { ...current, method: 'GET', body: undefined };
        continue;
      }
      let body: unknown = res.text;
      if (/json/i.test(res.type) && res.text) {
        try {
          body = JSON.parse(res.text);
        } catch {
          body = res.text;
        }
      }
      return { status: res.status, body };
    }
  } catch (err) {
    if (err instanceof ActionRefused) throw err;
    if (ctrl.signal.aborted) throw new ActionRefused('timeout', `No answer within ${req.timeoutMs} ms`);
    throw new ActionRefused('network', `The call failed (${(err as Error).message})`);
  } finally {
    clearTimeout(timer);
  }
}
