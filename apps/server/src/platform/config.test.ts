import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

function problemsOf(env: Record<string, string>): { variable: string; message: string }[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('loadConfig accepted an invalid environment');
}

describe('loadConfig', () => {
  it('starts with local defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.HOST).toBe('0.0.0.0');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.JOBS).toBe(true);
    expect(path.isAbsolute(config.dataDir)).toBe(true);
    expect(config.dataDir).toBe(path.resolve(process.cwd(), 'data'));
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('resolves a relative DATA_DIR against the working directory and parses typed values', () => {
    const config = loadConfig({
      DATA_DIR: 'some/where',
      PORT: '8080',
      DATABASE_URL: 'postgresql://u@db:5432/sb',
      REDIS_URL: 'rediss://cache:6380',
      TRUST_PROXY: 'yes',
      JOBS: '0',
      PUBLIC_URL: 'https://help.example.com/',
    });
    expect(config.dataDir).toBe(path.resolve('some/where'));
    expect(config.PORT).toBe(8080);
    expect(config.DATABASE_URL).toBe('postgresql://u@db:5432/sb');
    expect(config.REDIS_URL).toBe('rediss://cache:6380');
    expect(config.TRUST_PROXY).toBe(true);
    expect(config.JOBS).toBe(false);
    expect(config.publicUrl).toBe('https://help.example.com');
  });

  it('reports every bad value at once, each with its variable name', () => {
    const env = {
      PORT: 'abc',
      DATABASE_URL: 'mysql://x',
      REDIS_URL: 'http://x',
      SECRET_KEY: 'short',
      LOG_LEVEL: 'loud',
    };
    const problems = problemsOf(env);
    expect(problems.map((p) => p.variable).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'REDIS_URL', 'SECRET_KEY']);
    expect(problems.find((p) => p.variable === 'DATABASE_URL')?.message).toMatch(/postgres/);
    expect(problems.find((p) => p.variable === 'REDIS_URL')?.message).toMatch(/redis/);
    expect(problems.find((p) => p.variable === 'SECRET_KEY')?.message).toMatch(/32/);

    // The message an operator reads names each variable on its own line.
    let message = '';
    try {
      loadConfig(env);
    } catch (err) {
      message = (err as Error).message;
    }
    for (const variable of Object.keys(env)) expect(message).toMatch(new RegExp(`^\\s+${variable}: `, 'm'));
  });

  it('rejects a port outside 0..65535', () => {
    expect(problemsOf({ PORT: '70000' }).map((p) => p.variable)).toEqual(['PORT']);
    expect(problemsOf({ PORT: '-1' }).map((p) => p.variable)).toEqual(['PORT']);
  });

  it('treats empty strings as unset, so `FOO=` in a .env file falls back to the default', () => {
    const config = loadConfig({ PORT: '', DATA_DIR: '', DATABASE_URL: '', REDIS_URL: '', SECRET_KEY: '', LOG_LEVEL: '' });
    expect(config.PORT).toBe(3000);
    expect(config.dataDir).toBe(path.resolve('data'));
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.SECRET_KEY).toBeUndefined();
    expect(config.LOG_LEVEL).toBe('info');
  });

  it('ignores unrelated environment variables', () => {
    expect(() => loadConfig({ PATH: '/usr/bin', HOME: '', SOMETHING_ELSE: 'x' })).not.toThrow();
  });

  it('refuses clustering over the embedded database in production', () => {
    expect(problemsOf({ NODE_ENV: 'production', REDIS_URL: 'redis://cache:6379' }).map((p) => p.variable)).toEqual(['REDIS_URL']);
  });
});
