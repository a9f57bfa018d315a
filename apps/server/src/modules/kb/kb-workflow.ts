import type { KbAction, KbStatus, Permission } from '@switchboard/contracts';

/**
 * The article workflow as one table: for each action, the states it starts from, the state it
 * leads to ('same' keeps the state), the permission it takes and what must hold besides the
 * state. Routes, the scheduled-publish job, import and the UI's `actions` all read this table.
 */

export interface ArticleState {
  status: KbStatus;
  version: number;
  /** null until first published; cleared by unpublish. */
  publishedVersion: number | null;
  publishAt: Date | null;
}

type Guard = 'has_live_snapshot' | 'has_unpublished_changes' | 'is_scheduled';

interface Rule {
  from: readonly KbStatus[];
  to: KbStatus | 'same';
  permission: Permission;
  guards?: readonly Guard[];
}

const WORKING: readonly KbStatus[] = ['draft', 'in_review', 'published'];

export const WORKFLOW = {
  // Saving a live article makes a new draft; the published snapshot stays up until republished.
  edit: { from: WORKING, to: 'draft', permission: 'kb.write' },
  submit: { from: ['draft'], to: 'in_review', permission: 'kb.write' },
  approve: { from: ['in_review'], to: 'same', permission: 'kb.review' },
  request_changes: { from: ['in_review'], to: 'draft', permission: 'kb.review' },
  publish: { from: ['draft', 'in_review'], to: 'published', permission: 'kb.publish', guards: ['has_unpublished_changes'] },
  schedule: { from: ['draft', 'in_review'], to: 'same', permission: 'kb.publish', guards: ['has_unpublished_changes'] },
  unschedule: { from: ['draft', 'in_review'], to: 'same', permission: 'kb.publish', guards: ['is_scheduled'] },
  unpublish: { from: WORKING, to: 'draft', permission: 'kb.publish', guards: ['has_live_snapshot'] },
  archive: { from: WORKING, to: 'archived', permission: 'kb.publish' },
  reopen: { from: ['archived'], to: 'draft', permission: 'kb.publish' },
  mark_reviewed: { from: WORKING, to: 'same', permission: 'kb.review' },
  comment: { from: [...WORKING, 'archived'], to: 'same', permission: 'kb.write' },
} as const satisfies Record<KbAction, Rule>;

export type Transition = { ok: true; to: KbStatus } | { ok: false; reason: string };

function guardHolds(guard: Guard, a: ArticleState): boolean {
  switch (guard) {
    case 'has_live_snapshot':
      return a.publishedVersion !== null;
    case 'has_unpublished_changes':
      return a.publishedVersion === null || a.version > a.publishedVersion;
    case 'is_scheduled':
      return a.publishAt !== null;
  }
}

const GUARD_REASONS: Record<Guard, string> = {
  has_live_snapshot: 'the article is not published',
  has_unpublished_changes: 'this version is already published',
  is_scheduled: 'no publish is scheduled',
};

/** Where `action` leads from the article's state, or why it cannot be done. */
export function transition(article: ArticleState, action: KbAction): Transition {
  const rule: Rule = WORKFLOW[action];
  // Editing an article under review keeps it in review: the reviewer sees the latest version.
  if (action === 'edit' && article.status === 'in_review') return { ok: true, to: 'in_review' };
  if (!rule.from.includes(article.status))
    return { ok: false, reason: `cannot ${action.replace('_', ' ')} an article that is ${article.status.replace('_', ' ')}` };
  for (const guard of rule.guards ?? []) {
    if (!guardHolds(guard, article)) return { ok: false, reason: `cannot ${action.replace('_', ' ')}: ${GUARD_REASONS[guard]}` };
  }
  return { ok: true, to: rule.to === 'same' ? article.status : rule.to };
}

export function permissionFor(action: KbAction): Permission {
  return WORKFLOW[action].permission;
}

/** The actions a holder of `permissions` can take on the article now (for the UI). */
export function availableActions(article: ArticleState, permissions: ReadonlySet<Permission>): KbAction[] {
  return (Object.keys(WORKFLOW) as KbAction[]).filter((a) => permissions.has(permissionFor(a)) && transition(article, a).ok);
}
