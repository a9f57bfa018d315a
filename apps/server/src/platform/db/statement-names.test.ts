import { describe, expect, it } from 'vitest';
import { StatementNames } from './client.js';

describe('StatementNames', () => {
  it('names a parameterized statement from its third run on, the same name every time', () => {
    const names = new StatementNames();
    const q = { text: 'select * from t where id = $1', values: ['a'] };
    expect(names.apply(q, undefined)).toBe(q);
    expect(names.apply(q, undefined)).toBe(q);
    const third = names.apply(q, undefined) as { name: string };
    expect(third.name).toMatch(/^sb_\d+$/);
    expect((names.apply(q, undefined) as { name: string }).name).toBe(third.name);
    const other = 'update t set x = $1';
    for (let i = 0; i < 2; i++) names.apply(other, [1]);
    const named = names.apply(other, [1]) as { name: string; text: string };
    expect(named.text).toBe(other);
    expect(named.name).not.toBe(third.name);
  });

  it('leaves statements without parameters, already named ones and searches unnamed', () => {
    const names = new StatementNames();
    const run = (config: unknown, values?: unknown) => {
      let out: unknown;
      for (let i = 0; i < 5; i++) out = names.apply(config, values);
      return out;
    };
    expect(run('begin')).toBe('begin');
    expect(run({ text: 'select 1', values: [] })).toEqual({ text: 'select 1', values: [] });
    const named = { text: 'select $1', values: [1], name: 'mine' };
    expect(run(named)).toBe(named);
    const search = { text: "select id from t where v @@ to_tsquery('simple', $1)", values: ['x'] };
    expect(run(search)).toBe(search);
  });
});
