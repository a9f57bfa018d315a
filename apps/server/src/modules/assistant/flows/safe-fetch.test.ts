import { describe, expect, it } from 'vitest';
import { isBlockedAddress, safeFetch } from './safe-fetch.js';

describe('isBlockedAddress', () => {
  it.each([
    '10.1.2.3',
    '127.0.0.1',
    '169.254.169.254',
    '172.16.0.1',
    '192.168.1.1',
    '100.64.0.1',
    '100.100.100.200',
    '224.0.0.1',
    '0.0.0.0',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd00:ec2::254',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '64:ff9b::a00:1',
    'not-an-ip',
  ])('refuses %s', (ip) => expect(isBlockedAddress(ip)).toBe(true));

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows %s', (ip) =>
    expect(isBlockedAddress(ip)).toBe(false),
  );
});

describe('safeFetch', () => {
  const call = (url: string, allowHosts: string[] = []) => safeFetch({ method: 'GET', url, headers: {}, timeoutMs: 2000, allowHosts });
  it('refuses http, private and metadata addresses before connecting', async () => {
    await expect(call('http://example.com/')).rejects.toMatchObject({ reason: 'scheme' });
    await expect(call('https://127.0.0.1/')).rejects.toMatchObject({ reason: 'address' });
    await expect(call('https://169.254.169.254/latest/meta-data')).rejects.toMatchObject({ reason: 'address' });
    await expect(call('https://[::ffff:10.0.0.1]/')).rejects.toMatchObject({ reason: 'address' });
    await expect(call('https://localhost/')).rejects.toMatchObject({ reason: 'address' });
    await expect(call('https://user:pw@example.com/')).rejects.toMatchObject({ reason: 'url' });
  });
});
