import { type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Actor, hasPermission, isUser } from '../../platform/auth/actor.js';
import { kbArticles, kbCategories } from '../kb/kb.schema.js';

/**
 * Who reads: anonymous visitors see public articles, signed-in customers (and staff without
 * kb.read_internal) also customers-only ones, staff with kb.read_internal everything. The
 * effective visibility of an article is the most restrictive of the article, its section and
 * the section's category; readers only ever see published snapshots of non-archived rows.
 */
export type Audience = 'public' | 'customers' | 'agents';

const VISIBLE_TO: Record<Audience, readonly string[]> = {
  public: ['public'],
  customers: ['public', 'customers'],
  agents: ['public', 'customers', 'agents'],
};

/** The audience of an actor inside `workspaceId`; a user of another workspace is a stranger there. */
export function audienceOf(actor: Actor, workspaceId: string): Audience {
  if (!isUser(actor) || actor.workspaceId !== workspaceId) return 'public';
  if (actor.kind === 'agent' && hasPermission(actor, 'kb.read_internal')) return 'agents';
  return 'customers';
}

export function canSeeVisibility(audience: Audience, visibility: string | null | undefined): boolean {
  return visibility == null || VISIBLE_TO[audience].includes(visibility);
}

/** The section (s) and category (c) of an article (a = kbArticles), for joins. */
export const kbSection = alias(kbCategories, 'kb_section');
export const kbCategory = alias(kbCategories, 'kb_category');

function inList(audience: Audience): SQL {
  return sql.join(
    VISIBLE_TO[audience].map((v) => sql`${v}`),
    sql`, `,
  );
}

/** Published, not archived, in the workspace, and visible to the audience through article, section and category. */
export function readableCondition(workspaceId: string, audience: Audience): SQL {
  const list = inList(audience);
  const published = sql`${kbArticles.workspaceId} = ${workspaceId} and ${kbArticles.publishedVersion} is not null and ${kbArticles.status} <> 'archived'`;
  if (audience === 'agents') return published;
  return sql`${published} and ${kbArticles.visibility} in (${list})
    and (${kbSection.id} is null or ${kbSection.visibility} in (${list}))
    and (${kbCategory.id} is null or ${kbCategory.visibility} in (${list}))`;
}
