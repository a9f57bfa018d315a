import path from 'node:path';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const postgresUrl = z.string().refine((v) => /^postgres(ql)?:\/\//.test(v), { message: 'must be a postgres:// URL' });

/**
 * Every setting comes from the environment, parsed once at boot.
 * Local defaults everywhere; each real backend is switched on by its own variable.
 */
export const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: postgresUrl.optional(),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** Named prepared statements for repeated statements (PostgreSQL). Off behind a transaction-mode pooler that cannot keep them. */
  DB_PREPARED_STATEMENTS: bool.default(true),
  REDIS_URL: z
    .string()
    .refine((v) => /^rediss?:\/\//.test(v), { message: 'must be a redis:// URL' })
    .optional(),
  SECRET_KEY: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool.default(false),
  COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(12 * 60),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .default(30 * 24),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).default(15),
  LOGIN_RATE_PER_IP: z.coerce.number().int().min(1).default(30),
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\//.test(v), { message: 'must be an smtp:// or smtps:// URL' })
    .optional(),
  MAIL_FROM: z.string().min(3).default('Switchboard <no-reply@localhost>'),
  WEB_DIST_DIR: z.string().optional(),
  /** Where attachment bytes are kept (default DATA_DIR/files). */
  STORAGE_DIR: z.string().optional(),
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(25 * 1024 * 1024),
  /** Comma-separated MIME types or type/* patterns; executables and HTML are refused by default. */
  ATTACHMENT_TYPES: z
    .string()
    .default(
      'image/*,text/plain,text/csv,application/pdf,application/zip,application/json,message/rfc822,application/msword,application/vnd.openxmlformats-officedocument.*,application/vnd.ms-excel,application/vnd.oasis.opendocument.*,audio/*,video/*',
    ),
  JOBS: bool.default(true),
  METRICS: bool.default(true),
});

export type RawConfig = z.infer<typeof ConfigSchema>;

export interface Config extends Omit<RawConfig, 'SECRET_KEY'> {
  /** Resolved absolute data directory. */
  dataDir: string;
  /** The secret used for HMACs and encryption; generated into DATA_DIR when not given. */
  SECRET_KEY?: string | undefined;
  publicUrl: string;
  /** Test-only knob: cheaper argon2 parameters. Never set from the environment. */
  fastPasswordHashing?: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset" so that `FOO=` in a .env file does not fail validation.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([k, v]) => k in ConfigSchema.shape && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '(root)'),
        message: issue.message,
      })),
    );
  }
  const raw = parsed.data;
  if (raw.NODE_ENV === 'production' && raw.DATABASE_URL === undefined && raw.REDIS_URL) {
    throw new ConfigError([
      {
        variable: 'REDIS_URL',
        message: 'clustering needs DATABASE_URL: the embedded database belongs to one process',
      },
    ]);
  }
  const publicUrl = (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, '');
  return { ...raw, dataDir: path.resolve(raw.DATA_DIR), publicUrl };
}
