import type { TicketFilters } from '@switchboard/contracts';
import { and, arrayContains, arrayOverlaps, gte, inArray, isNull, lt, not, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { tickets } from './tickets.schema.js';

/**
 * `TicketFilters` as SQL conditions on `tickets`. Values are ORed within a field and fields are
 * ANDed; an empty list means "no filter". Resolving 'me' and 'mine' needs the viewer.
 */

export interface FilterViewer {
  userId: string;
  /** The viewer's teams, for team = 'mine'. */
  teamIds: string[];
}

const NOTHING = sql`false`;

function anyOf(column: PgColumn, values: readonly string[] | undefined): SQL | undefined {
  return values?.length ? inArray(column, [...values]) : undefined;
}

/** OR of the alternatives; no alternative left (e.g. 'mine' without teams) matches nothing rather than everything. */
function oneOf(alternatives: Array<SQL | undefined>): SQL {
  const kept = alternatives.filter((a): a is SQL => a !== undefined);
  return kept.length ? (or(...kept) as SQL) : NOTHING;
}

function assigneeCondition(viewer: FilterViewer, values: readonly string[]): SQL {
  const ids = [...new Set(values.map((v) => (v === 'me' ? viewer.userId : v)).filter((v) => v !== 'unassigned'))];
  return oneOf([
    values.includes('unassigned') ? isNull(tickets.assigneeId) : undefined,
    ids.length ? inArray(tickets.assigneeId, ids) : undefined,
  ]);
}

function teamCondition(viewer: FilterViewer, values: readonly string[]): SQL {
  const ids = [...new Set(values.flatMap((v) => (v === 'mine' ? viewer.teamIds : v === 'none' ? [] : [v])))];
  return oneOf([values.includes('none') ? isNull(tickets.teamId) : undefined, ids.length ? inArray(tickets.teamId, ids) : undefined]);
}

function textArray(values: readonly string[]): SQL {
  return sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
}

/**
 * A custom field equals one of the values, or (multi-select) contains one of them. Compared as
 * text, so the number 5, the string "5" and `?cf.seats=5` all agree, as do true and "true".
 */
function customFieldCondition(key: string, values: ReadonlyArray<string | number | boolean>): SQL {
  const texts = textArray(values.map(String));
  const field = sql`${tickets.customFields} -> ${key}::text`;
  return sql`((${tickets.customFields} ->> ${key}::text) = any(${texts}) or (jsonb_typeof(${field}) = 'array' and jsonb_exists_any(${field}, ${texts})))`;
}

function rangeConditions(column: PgColumn, range: { from?: string | undefined; to?: string | undefined } | undefined): SQL[] {
  if (!range) return [];
  const out: SQL[] = [];
  if (range.from) out.push(gte(column, new Date(range.from)));
  if (range.to) out.push(lt(column, new Date(range.to)));
  return out;
}

function tagConditions(f: TicketFilters): SQL[] {
  const out: SQL[] = [];
  if (f.tags?.length) out.push(f.tagsMode === 'all' ? arrayContains(tickets.tags, f.tags) : arrayOverlaps(tickets.tags, f.tags));
  if (f.excludeTags?.length) out.push(not(arrayOverlaps(tickets.tags, f.excludeTags)));
  return out;
}

export function filterConditions(viewer: FilterViewer, f: TicketFilters): SQL[] {
  const conditions: Array<SQL | undefined> = [
    anyOf(tickets.status, f.status),
    anyOf(tickets.priority, f.priority),
    anyOf(tickets.channel, f.channel),
    anyOf(tickets.slaState, f.sla),
    anyOf(tickets.language, f.language),
    anyOf(tickets.categoryId, f.categoryId),
    anyOf(tickets.typeId, f.typeId),
    anyOf(tickets.requesterId, f.requesterId),
    anyOf(tickets.organizationId, f.organizationId),
    f.assignee?.length ? assigneeCondition(viewer, f.assignee) : undefined,
    f.team?.length ? teamCondition(viewer, f.team) : undefined,
    ...tagConditions(f),
    ...rangeConditions(tickets.createdAt, f.created),
    ...rangeConditions(tickets.updatedAt, f.updated),
    ...Object.entries(f.customFields ?? {}).map(([key, values]) => customFieldCondition(key, values)),
  ];
  return conditions.filter((c): c is SQL => c !== undefined);
}

/** All filters in one condition (true when there are none). */
export function filtersCondition(viewer: FilterViewer, f: TicketFilters): SQL | undefined {
  const list = filterConditions(viewer, f);
  return list.length ? and(...list) : undefined;
}
