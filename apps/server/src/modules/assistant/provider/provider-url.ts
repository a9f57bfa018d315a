import { BlockList, isIP } from 'node:net';

/**
 * Where a provider may live. Only http/https, no credentials in the URL (the key goes in a
 * header, encrypted at rest). Public addresses always; loopback and private networks only when
 * the admin opts in (a self-hosted Ollama on localhost is legitimate); link-local (cloud
 * metadata endpoints such as 169.254.169.254), unspecified and multicast addresses never.
 * Checked on save for literal addresses and again on every connection for resolved ones, so a
 * DNS name cannot be re-pointed at an internal address later.
 */

const NEVER = new BlockList();
NEVER.addSubnet('0.0.0.0', 8, 'ipv4');
NEVER.addSubnet('169.254.0.0', 16, 'ipv4');
NEVER.addSubnet('224.0.0.0', 3, 'ipv4');
NEVER.addAddress('::', 'ipv6');
NEVER.addSubnet('fe80::', 10, 'ipv6');
NEVER.addSubnet('ff00::', 8, 'ipv6');

const PRIVATE = new BlockList();
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4');
PRIVATE.addSubnet('198.18.0.0', 15, 'ipv4');
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');

/** Why an address may not be used, or null when it may. */
export function addressProblem(address: string, allowPrivateNetwork: boolean): string | null {
  const family = isIP(address);
  if (family === 0) return null;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  // IPv4-mapped IPv6 (::ffff:10.0.0.1) is checked as the IPv4 address it is.
  const mapped = type === 'ipv6' ? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] : undefined;
  if (mapped) return addressProblem(mapped, allowPrivateNetwork);
  if (NEVER.check(address, type)) return `${address} is a link-local, multicast or unspecified address`;
  if (!allowPrivateNetwork && PRIVATE.check(address, type)) return `${address} is a private address (allow private networks to use it)`;
  return null;
}

/** Parses and checks a base URL; returns the problem as a message, or the URL. */
export function checkBaseUrl(raw: string, allowPrivateNetwork: boolean): { url: URL } | { problem: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { problem: 'Not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: 'Only http and https URLs are allowed' };
  if (url.username || url.password) return { problem: 'Credentials do not belong in the URL; use the API key field' };
  if (url.hash) return { problem: 'The URL must not have a fragment' };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivateNetwork && (host === 'localhost' || host.endsWith('.localhost'))) {
    return { problem: 'localhost is a private address (allow private networks to use it)' };
  }
  const problem = addressProblem(host, allowPrivateNetwork);
  return problem ? { problem } : { url };
}

/** `{base}/chat/completions`, keeping a query string (Azure's `?api-version=`). */
export function completionsUrl(base: URL): URL {
  const url = new URL(base.toString());
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/chat/completions`;
  return url;
}
