import { type FieldError, type TicketFilters, TicketFiltersSchema, TicketSortSchema } from '@switchboard/contracts';
import { z } from 'zod';
import { AppError, invalid } from '../../platform/errors.js';

/**
 * The ticket list's query string: every filter as comma-separated values
 * (`status=open,pending&assignee=me&cf.plan=gold`), parsed into the `TicketFilters` of views.
 * Repeating a key (`status=open&status=pending`) works too.
 */

const Csv = z.union([z.string().max(4000), z.array(z.string().max(4000)).max(50)]).optional();
const csv = (description: string) => Csv.describe(description);

export const TicketListQuerySchema = z
  .object({
    status: csv('new, open, pending, on_hold, solved, closed'),
    priority: csv('low, normal, high, urgent'),
    channel: csv('portal, email, web_chat, api, phone, messaging, agent'),
    assignee: csv('me, unassigned or user ids'),
    team: csv('mine (my teams), none or team ids'),
    tags: csv('tags (any of them; tagsMode=all for all of them)'),
    tagsMode: z.enum(['any', 'all']).optional(),
    excludeTags: csv('tickets with none of these tags'),
    sla: csv('none, ok, at_risk, breached, paused, met'),
    language: csv('language tags, e.g. en,zh-CN'),
    categoryId: csv('category ids'),
    typeId: csv('ticket type ids'),
    requesterId: csv('requester ids'),
    organizationId: csv('organization ids'),
    createdFrom: z.string().max(40).optional().describe('ISO date-time, inclusive'),
    createdTo: z.string().max(40).optional().describe('ISO date-time, exclusive'),
    updatedFrom: z.string().max(40).optional().describe('ISO date-time, inclusive'),
    updatedTo: z.string().max(40).optional().describe('ISO date-time, exclusive'),
    q: z.string().max(500).optional().describe('Full-text search over subject, requester and messages'),
    sort: TicketSortSchema.optional().describe('Default: relevance when q is given, else updated_desc'),
    cursor: z.string().max(1000).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  // `cf.<key>=a,b`: custom field <key> equals a or b (or, for multi-select, contains one of them)
  .catchall(Csv);
export type TicketListQuery = z.infer<typeof TicketListQuerySchema>;

export const ViewTicketsQuerySchema = z.object({
  q: TicketListQuerySchema.shape.q,
  sort: TicketSortSchema.optional().describe("Default: relevance when q is given, else the view's sort"),
  cursor: TicketListQuerySchema.shape.cursor,
  limit: TicketListQuerySchema.shape.limit,
});

export interface ListRequest {
  filters: TicketFilters;
  q?: string | undefined;
  sort?: z.infer<typeof TicketSortSchema> | undefined;
  cursor?: string | undefined;
  limit: number;
}

const LIST_KEYS = [
  'status',
  'priority',
  'channel',
  'assignee',
  'team',
  'tags',
  'excludeTags',
  'sla',
  'language',
  'categoryId',
  'typeId',
  'requesterId',
  'organizationId',
] as const;
const RANGES = { created: ['createdFrom', 'createdTo'], updated: ['updatedFrom', 'updatedTo'] } as const;
const CF_PREFIX = 'cf.';

function splitCsv(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map((v) => v.trim());
  const kept = parts.filter((v) => v !== '');
  return kept.length ? kept : undefined;
}

/** Zod issue path in TicketFilters → the query parameter the caller sent. */
function queryPath(path: readonly PropertyKey[]): string {
  const [head, second] = path.map(String);
  if (head === 'customFields') return `${CF_PREFIX}${second ?? ''}`;
  if ((head === 'created' || head === 'updated') && (second === 'from' || second === 'to')) {
    return `${head}${second === 'from' ? 'From' : 'To'}`;
  }
  return head ?? '';
}

/** Query string → validated filters; 400 with one field error per bad parameter. */
export function parseTicketListQuery(query: TicketListQuery): ListRequest {
  const raw: Record<string, unknown> = {};
  for (const key of LIST_KEYS) {
    const values = splitCsv(query[key]);
    if (values) raw[key] = values;
  }
  if (query.tagsMode) raw.tagsMode = query.tagsMode;
  for (const [field, [fromKey, toKey]] of Object.entries(RANGES)) {
    const from = query[fromKey];
    const to = query[toKey];
    if (from !== undefined || to !== undefined) raw[field] = { ...(from !== undefined && { from }), ...(to !== undefined && { to }) };
  }
  const custom: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(query)) {
    if (!key.startsWith(CF_PREFIX)) continue;
    const values = splitCsv(value as string | string[] | undefined);
    if (values) custom[key.slice(CF_PREFIX.length)] = values;
  }
  if (Object.keys(custom).length) raw.customFields = custom;
  const parsed = TicketFiltersSchema.safeParse(raw);
  if (!parsed.success) {
    const errors: FieldError[] = parsed.error.issues.map((i) => ({ path: queryPath(i.path), message: i.message, code: i.code }));
    throw new AppError('validation.failed', 400, 'The request is invalid', { errors });
  }
  const q = query.q?.trim();
  return { filters: parsed.data, q: q || undefined, sort: query.sort, cursor: query.cursor, limit: query.limit };
}

// ---------------------------------------------------------------------------------------------
// Cursors

export type KeyType = 'timestamptz' | 'int4' | 'float4';

/** Where the previous page ended: the sort it was taken in, its key values (as PostgreSQL text) and the ticket id. */
export interface Cursor {
  /** sort name, 'relevance' or 'similarity' */
  s: string;
  /** how rows were matched: no search, full-text, or trigram fallback */
  m: 'list' | 'fts' | 'trgm';
  k: string[];
  id: string;
}

const KEY_PATTERNS: Record<KeyType, RegExp> = {
  timestamptz: /^(?:-?infinity|\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:[+-]\d{2}(?::?\d{2}){0,2}|Z)?)$/,
  int4: /^-?\d{1,10}$/,
  float4: /^-?(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?|NaN|Infinity)$/i,
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

const badCursor = () => invalid('cursor', 'This cursor does not belong to this list; start again from the first page', 'cursor_invalid');

/**
 * Decodes a cursor and checks it against the sort the caller asks for now. Key values are
 * checked against their type so a forged cursor is a 400, never a failing cast in SQL.
 */
export function decodeCursor(raw: string, expected: { s: string; m?: Cursor['m']; types: KeyType[] }): Cursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const c = value as Partial<Cursor> | null;
  if (!c || typeof c !== 'object' || c.s !== expected.s || (expected.m !== undefined && c.m !== expected.m)) throw badCursor();
  if (c.m !== 'list' && c.m !== 'fts' && c.m !== 'trgm') throw badCursor();
  if (typeof c.id !== 'string' || !UUID.test(c.id) || !Array.isArray(c.k) || c.k.length !== expected.types.length) throw badCursor();
  const keys = c.k;
  if (!expected.types.every((t, i) => typeof keys[i] === 'string' && KEY_PATTERNS[t].test(keys[i] as string))) throw badCursor();
  return { s: c.s, m: c.m, k: keys as string[], id: c.id };
}

/** The mode a cursor was taken in, without validating the rest (the caller decodes it fully once the sort is known). */
export function cursorMode(raw: string | undefined): Cursor['m'] | null {
  if (!raw) return null;
  try {
    const m = (JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { m?: unknown } | null)?.m;
    return m === 'list' || m === 'fts' || m === 'trgm' ? m : null;
  } catch {
    return null;
  }
}
