import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import {
  type Cursor,
  cursorMode,
  decodeCursor,
  encodeCursor,
  parseTicketListQuery,
  type TicketListQuery,
  TicketListQuerySchema,
} from './ticket-list-query.js';

const parse = (query: Record<string, unknown>) => parseTicketListQuery(TicketListQuerySchema.parse(query) as TicketListQuery);

function fieldErrors(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return ((err as AppError).details.errors ?? []).map((e) => e.path);
  }
  throw new Error('expected a validation error');
}

const ID = '0190f0c4-8a4e-7c3b-9d2f-1a2b3c4d5e6f';

describe('parseTicketListQuery', () => {
  it('splits comma-separated values and repeated keys, dropping blanks', () => {
    const req = parse({ status: ['open, pending', 'new,'], assignee: 'me,unassigned', tags: 'VIP', limit: '10' });
    expect(req.filters).toEqual({ status: ['open', 'pending', 'new'], assignee: ['me', 'unassigned'], tags: ['vip'] });
    expect(req.limit).toBe(10);
    expect(parse({ status: ' , ' }).filters).toEqual({});
  });

  it('maps date bounds and custom fields', () => {
    const req = parse({
      createdFrom: '2024-01-01T00:00:00Z',
      updatedTo: '2024-02-01T00:00:00+08:00',
      'cf.plan': 'gold,silver',
      'cf.seats': '5',
    });
    expect(req.filters).toEqual({
      created: { from: '2024-01-01T00:00:00Z' },
      updated: { to: '2024-02-01T00:00:00+08:00' },
      customFields: { plan: ['gold', 'silver'], seats: ['5'] },
    });
  });

  it('ignores parameters it does not know, and blank searches', () => {
    const req = parse({ workspace: 'someone-else', q: '   ', sort: 'number_desc' });
    expect(req).toEqual({ filters: {}, q: undefined, sort: 'number_desc', cursor: undefined, limit: 50 });
    expect(parse({ q: '  refund ' }).q).toBe('refund');
  });

  it('names the query parameter that is wrong', () => {
    expect(fieldErrors(() => parse({ status: 'open,bogus' }))).toEqual(['status']);
    expect(fieldErrors(() => parse({ createdFrom: 'yesterday', updatedTo: '2024' }))).toEqual(['createdFrom', 'updatedTo']);
    expect(fieldErrors(() => parse({ [`cf.${'x'.repeat(61)}`]: 'a' }))).toEqual([`cf.${'x'.repeat(61)}`]);
    expect(fieldErrors(() => parse({ team: 'mine,nope', requesterId: '12' }))).toEqual(['team', 'requesterId']);
  });

  it('refuses a bad limit or sort at the schema', () => {
    for (const q of [{ limit: '0' }, { limit: '201' }, { limit: 'ten' }, { sort: 'oldest' }, { tagsMode: 'some' }]) {
      expect(TicketListQuerySchema.safeParse(q).success, JSON.stringify(q)).toBe(false);
    }
  });
});

describe('cursors', () => {
  const expected = { s: 'updated_desc', m: 'list' as const, types: ['timestamptz' as const] };

  it('round-trips and reports its mode', () => {
    const raw = encodeCursor({ s: 'updated_desc', m: 'list', k: ['2024-05-05 05:05:05.123456+00'], id: ID });
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(raw, expected)).toEqual({ s: 'updated_desc', m: 'list', k: ['2024-05-05 05:05:05.123456+00'], id: ID });
    expect(cursorMode(raw)).toBe('list');
    expect(cursorMode('%%%')).toBeNull();
    expect(cursorMode(undefined)).toBeNull();
  });

  it('accepts the key forms PostgreSQL prints', () => {
    const ok = (k: string, type: 'timestamptz' | 'int4' | 'float4') =>
      decodeCursor(encodeCursor({ s: 'x', m: 'fts', k: [k], id: ID }), { s: 'x', m: 'fts', types: [type] });
    expect(() => ok('infinity', 'timestamptz')).not.toThrow();
    expect(() => ok('2024-05-05 05:05:05+05:30', 'timestamptz')).not.toThrow();
    expect(() => ok('-3', 'int4')).not.toThrow();
    expect(() => ok('0.0607927', 'float4')).not.toThrow();
    expect(() => ok('1e-05', 'float4')).not.toThrow();
  });

  it('refuses cursors of another sort or mode, forged keys and garbage', () => {
    const good: Cursor = { s: 'updated_desc', m: 'list', k: ['2024-05-05 05:05:05+00'], id: ID };
    const bad = [
      'not base64 json',
      encodeCursor({ ...good, s: 'created_desc' }),
      encodeCursor({ ...good, m: 'fts' }),
      encodeCursor({ ...good, k: ["2024'); drop table tickets; --"] }),
      encodeCursor({ ...good, k: [] }),
      encodeCursor({ ...good, k: [5] as unknown as string[] }),
      encodeCursor({ ...good, id: 'abc' }),
      Buffer.from('null').toString('base64url'),
      Buffer.from('[1,2]').toString('base64url'),
    ];
    for (const raw of bad)
      expect(
        fieldErrors(() => decodeCursor(raw, expected)),
        raw,
      ).toEqual(['cursor']);
    expect(fieldErrors(() => decodeCursor(encodeCursor({ ...good, k: ['12x'] }), { s: 'updated_desc', types: ['int4'] }))).toEqual([
      'cursor',
    ]);
  });
});
