import { type Secrets, safeEqual } from '../../platform/crypto.js';

/** Visitor tokens live 30 days; the widget refreshes them when half used. */
export const VISITOR_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;

export interface VisitorClaims {
  visitorId: string;
  channelId: string;
  generation: number;
  expiresAt: Date;
}

const PURPOSE = 'chat.visitor';

/**
 * `v1.<visitorId>.<channelId>.<generation>.<expiresMs>.<hmac>`, signed with a key derived from
 * the platform secret (shared by every node). Stateless to verify; revoked by bumping the
 * visitor's generation (identify does, so an anonymous token cannot read the identified history).
 */
export function signVisitorToken(secrets: Secrets, claims: VisitorClaims): string {
  const body = ['v1', claims.visitorId, claims.channelId, claims.generation, claims.expiresAt.getTime()].join('.');
  return `${body}.${secrets.hmac(PURPOSE, body)}`;
}

/** The claims of a well-formed, correctly signed, unexpired token; null otherwise. */
export function verifyVisitorToken(secrets: Secrets, token: string, now = new Date()): VisitorClaims | null {
  if (typeof token !== 'string' || token.length > 400) return null;
  const parts = token.split('.');
  if (parts.length !== 6 || parts[0] !== 'v1') return null;
  const [, visitorId = '', channelId = '', gen = '', exp = '', sig = ''] = parts;
  const body = parts.slice(0, 5).join('.');
  if (!safeEqual(sig, secrets.hmac(PURPOSE, body))) return null;
  const expiresAt = new Date(Number(exp));
  const generation = Number(gen);
  if (!Number.isFinite(expiresAt.getTime()) || expiresAt <= now || !Number.isInteger(generation)) return null;
  return { visitorId, channelId, generation, expiresAt };
}
