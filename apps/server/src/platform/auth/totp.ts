import { generateSecret, generateURI, verify } from 'otplib';

export const TOTP_ISSUER = 'Switchboard';

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(secret: string, label: string, issuer = TOTP_ISSUER): string {
  return generateURI({ issuer, label, secret });
}

/**
 * Checks a 6-digit code with one step of clock drift either way. `afterTimeStep` is the last
 * step accepted for this user, so a code cannot be replayed. Returns the matched step or null.
 */
export async function verifyTotp(secret: string, code: string, afterTimeStep?: number | null): Promise<number | null> {
  const result = await verify({
    secret,
    token: code,
    epochTolerance: 30,
    ...(afterTimeStep != null ? { afterTimeStep } : {}),
  });
  return result.valid ? (result as { timeStep: number }).timeStep : null;
}
