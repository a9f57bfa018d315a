import { describe, expect, it } from 'vitest';
import { Secrets } from '../../platform/crypto.js';
import { signVisitorToken, verifyVisitorToken } from './visitor-token.js';

const secrets = new Secrets('unit-test-secret-0123456789abcdef');
const claims = {
  visitorId: '0190a0b0-0000-7000-8000-000000000001',
  channelId: '0190a0b0-0000-7000-8000-000000000002',
  generation: 3,
  expiresAt: new Date(Date.now() + 60_000),
};

describe('visitor tokens', () => {
  it('round-trips its claims', () => {
    expect(verifyVisitorToken(secrets, signVisitorToken(secrets, claims))).toEqual(claims);
  });

  it('rejects a tampered, foreign-key or expired token', () => {
    const token = signVisitorToken(secrets, claims);
    expect(verifyVisitorToken(secrets, token.replace('.3.', '.4.'))).toBeNull();
    expect(verifyVisitorToken(new Secrets('another-secret-0123456789abcdef'), token)).toBeNull();
    expect(verifyVisitorToken(secrets, token, new Date(Date.now() + 120_000))).toBeNull();
    expect(verifyVisitorToken(secrets, 'garbage')).toBeNull();
  });
});
