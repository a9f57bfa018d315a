import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline (m=19 MiB, t=2, p=1). Tests use cheap parameters on purpose.
const STRONG = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const FAST = { memoryCost: 1024, timeCost: 1, parallelism: 1 } as const;

export class PasswordHasher {
  constructor(private readonly fast = false) {}

  hash(password: string): Promise<string> {
    // algorithm 2 = Argon2id
    return hash(password, { ...(this.fast ? FAST : STRONG), algorithm: 2 });
  }

  async verify(hashed: string | null, password: string): Promise<boolean> {
    if (!hashed) {
      // Spend comparable time so that "no such user" is not faster than "wrong password".
      await this.hash(password);
      return false;
    }
    try {
      return await verify(hashed, password);
    } catch {
      return false;
    }
  }
}
