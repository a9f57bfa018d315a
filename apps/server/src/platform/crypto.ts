import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * Keys derived from the one SECRET_KEY, one per purpose, so that a leak of one derived
 * value (e.g. a CSRF token) says nothing about another (e.g. the encryption key).
 */
export class Secrets {
  private readonly hmacKey: Buffer;
  private readonly encKey: Buffer;

  constructor(secret: string) {
    this.hmacKey = Buffer.from(hkdfSync('sha256', secret, 'switchboard', 'hmac', 32));
    this.encKey = Buffer.from(hkdfSync('sha256', secret, 'switchboard', 'encryption', 32));
  }

  hmac(purpose: string, value: string): string {
    return createHmac('sha256', this.hmacKey).update(`${purpose}:${value}`).digest('base64url');
  }

  /** AES-256-GCM; output `v1.<iv>.<tag>.<ciphertext>` in base64url. */
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('Unknown ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}
