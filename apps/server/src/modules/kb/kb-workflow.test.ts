import { KB_ACTIONS, type KbAction, type KbStatus, SYSTEM_ROLES } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { type ArticleState, availableActions, permissionFor, transition, WORKFLOW } from './kb-workflow.js';

const state = (status: KbStatus, over: Partial<ArticleState> = {}): ArticleState => ({
  status,
  version: 1,
  publishedVersion: null,
  publishAt: null,
  ...over,
});
const to = (a: ArticleState, action: KbAction) => {
  const t = transition(a, action);
  return t.ok ? t.to : 'refused';
};

describe('article workflow table', () => {
  it('covers every action exactly once', () => {
    expect(Object.keys(WORKFLOW).sort()).toEqual([...KB_ACTIONS].sort());
  });

  it('walks draft → in review → published → archived → draft', () => {
    expect(to(state('draft'), 'submit')).toBe('in_review');
    expect(to(state('in_review'), 'approve')).toBe('in_review');
    expect(to(state('in_review'), 'publish')).toBe('published');
    expect(to(state('published', { publishedVersion: 1 }), 'archive')).toBe('archived');
    expect(to(state('archived'), 'reopen')).toBe('draft');
  });

  it('refuses transitions from the wrong state', () => {
    expect(to(state('in_review'), 'submit')).toBe('refused');
    expect(to(state('draft'), 'approve')).toBe('refused');
    expect(to(state('draft'), 'request_changes')).toBe('refused');
    expect(to(state('archived'), 'publish')).toBe('refused');
    expect(to(state('archived'), 'edit')).toBe('refused');
    expect(to(state('archived'), 'archive')).toBe('refused');
    expect(to(state('draft'), 'reopen')).toBe('refused');
    const refused = transition(state('archived'), 'submit');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.reason).toContain('archived');
  });

  it('sends a review back to draft when changes are requested', () => {
    expect(to(state('in_review'), 'request_changes')).toBe('draft');
  });

  it('editing a live article makes a draft; editing under review stays in review', () => {
    expect(to(state('published', { publishedVersion: 1 }), 'edit')).toBe('draft');
    expect(to(state('in_review'), 'edit')).toBe('in_review');
    expect(to(state('draft'), 'edit')).toBe('draft');
  });

  it('publishes only a version that is not live yet', () => {
    expect(to(state('draft', { version: 3, publishedVersion: 3 }), 'publish')).toBe('refused');
    expect(to(state('draft', { version: 4, publishedVersion: 3 }), 'publish')).toBe('published');
    expect(to(state('published', { version: 3, publishedVersion: 3 }), 'publish')).toBe('refused');
    expect(to(state('draft', { version: 3, publishedVersion: 3 }), 'schedule')).toBe('refused');
  });

  it('unpublishes only what is live and unschedules only what is scheduled', () => {
    expect(to(state('draft'), 'unpublish')).toBe('refused');
    expect(to(state('draft', { version: 2, publishedVersion: 1 }), 'unpublish')).toBe('draft');
    expect(to(state('published', { publishedVersion: 1 }), 'unpublish')).toBe('draft');
    expect(to(state('draft'), 'unschedule')).toBe('refused');
    expect(to(state('draft', { publishAt: new Date() }), 'unschedule')).toBe('draft');
  });

  it('needs kb.write to author, kb.review to review and kb.publish to publish', () => {
    expect(permissionFor('submit')).toBe('kb.write');
    expect(permissionFor('edit')).toBe('kb.write');
    expect(permissionFor('approve')).toBe('kb.review');
    expect(permissionFor('request_changes')).toBe('kb.review');
    expect(permissionFor('mark_reviewed')).toBe('kb.review');
    for (const a of ['publish', 'schedule', 'unschedule', 'unpublish', 'archive', 'reopen'] as const) {
      expect(permissionFor(a), a).toBe('kb.publish');
    }
  });

  it('offers agents authoring actions only, and supervisors the review and publish ones too', () => {
    const draft = state('draft');
    expect(availableActions(draft, new Set(SYSTEM_ROLES.agent))).toEqual(['edit', 'submit', 'comment']);
    expect(availableActions(draft, new Set(SYSTEM_ROLES.customer))).toEqual([]);
    const review = availableActions(state('in_review'), new Set(SYSTEM_ROLES.supervisor));
    expect(review).toEqual(expect.arrayContaining(['approve', 'request_changes', 'publish', 'archive']));
    expect(review).not.toContain('submit');
  });
});
