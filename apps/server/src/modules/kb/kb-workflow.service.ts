import type { KbAction, KbArticle, KbReview } from '@switchboard/contracts';
import type { UserActor } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/client.js';
import { AppError, invalid } from '../../platform/errors.js';
import { requireKb, requireKbPermission } from './kb.policy.js';
import { presentReview } from './kb.presenter.js';
import { type ArticleRow, findArticle, findReviews, insertReview, updateArticle } from './kb.repo.js';
import { type KbCore, loadArticle, nextStatus, viewArticle } from './kb-core.js';
import { publishRow, takeDown } from './kb-publish.js';
import { permissionFor } from './kb-workflow.js';

export const SCHEDULED_PUBLISH_JOB = 'kb.scheduled-publish';
const MAX_SCHEDULE_MS = 366 * 24 * 3600_000;

export interface ScheduledPublishData {
  articleId: string;
  workspaceId: string;
}

/** Review and publishing actions on one article, each checked against the transition table. */
export function workflowService(core: KbCore) {
  const { p } = core;

  /** Authorizes `action`, locks the article and runs `fn`; answers the article as it is after. */
  async function act(ctx: Ctx, id: string, action: KbAction, fn: (tx: Tx, row: ArticleRow, actor: UserActor) => Promise<ArticleRow>) {
    const actor = requireKb(ctx, permissionFor(action));
    return p.transaction(async (tx) => {
      const row = await loadArticle(tx, actor, id, true);
      return viewArticle(tx, actor, await fn(tx, row, actor));
    });
  }

  const setStatus = (tx: Tx, row: ArticleRow, action: KbAction, extra: Partial<ArticleRow> = {}) =>
    updateArticle(tx, row.id, { status: nextStatus(row, action), ...extra, updatedAt: new Date() });

  return {
    submit: (ctx: Ctx, id: string, comment?: string): Promise<KbArticle> =>
      act(ctx, id, 'submit', async (tx, row, actor) => {
        const after = await setStatus(tx, row, 'submit');
        await insertReview(tx, row, actor.userId, 'submitted', comment ?? null);
        return after;
      }),

    /** Approves the version under review; with `publish`, also makes it live (needs kb.publish). */
    approve: (ctx: Ctx, id: string, input: { comment?: string | undefined; publish?: boolean | undefined }): Promise<KbArticle> =>
      act(ctx, id, 'approve', async (tx, row, actor) => {
        if (input.publish) requireKbPermission(actor, 'kb.publish', 'Publishing needs the kb.publish permission');
        const approved = await setStatus(tx, row, 'approve', { reviewedAt: new Date() });
        await insertReview(tx, row, actor.userId, 'approved', input.comment ?? null);
        return input.publish ? publishRow(tx, ctx, approved) : approved;
      }),

    requestChanges: (ctx: Ctx, id: string, comment: string): Promise<KbArticle> =>
      act(ctx, id, 'request_changes', async (tx, row, actor) => {
        const after = await setStatus(tx, row, 'request_changes');
        await insertReview(tx, row, actor.userId, 'changes_requested', comment);
        return after;
      }),

    publish: (ctx: Ctx, id: string): Promise<KbArticle> => act(ctx, id, 'publish', (tx, row) => publishRow(tx, ctx, row)),

    /** Publishes the working copy at `publishAt` (a durable job; a restart does not lose it). */
    schedule: (ctx: Ctx, id: string, publishAt: Date): Promise<KbArticle> =>
      act(ctx, id, 'schedule', async (tx, row) => {
        const delay = publishAt.getTime() - Date.now();
        if (delay <= 0 || delay > MAX_SCHEDULE_MS)
          throw invalid('publishAt', 'Pick a time in the future, within a year', 'publish_at_out_of_range');
        const after = await setStatus(tx, row, 'schedule', { publishAt });
        const data: ScheduledPublishData = { articleId: row.id, workspaceId: row.workspaceId };
        await p.jobs.enqueue(tx, ctx.actor, SCHEDULED_PUBLISH_JOB, data, { startAfter: publishAt });
        return after;
      }),

    unschedule: (ctx: Ctx, id: string): Promise<KbArticle> =>
      act(ctx, id, 'unschedule', (tx, row) => setStatus(tx, row, 'unschedule', { publishAt: null })),

    unpublish: (ctx: Ctx, id: string): Promise<KbArticle> => act(ctx, id, 'unpublish', (tx, row) => takeDown(tx, ctx, row, 'unpublish')),

    archive: (ctx: Ctx, id: string): Promise<KbArticle> => act(ctx, id, 'archive', (tx, row) => takeDown(tx, ctx, row, 'archive')),

    reopen: (ctx: Ctx, id: string): Promise<KbArticle> => act(ctx, id, 'reopen', (tx, row) => setStatus(tx, row, 'reopen')),

    /** "Last reviewed": the content was checked and is still right. */
    markReviewed: (ctx: Ctx, id: string): Promise<KbArticle> =>
      act(ctx, id, 'mark_reviewed', (tx, row) => setStatus(tx, row, 'mark_reviewed', { reviewedAt: new Date() })),

    async comment(ctx: Ctx, id: string, comment: string): Promise<KbReview> {
      const actor = requireKb(ctx, permissionFor('comment'));
      return p.transaction(async (tx) => {
        const row = await loadArticle(tx, actor, id);
        nextStatus(row, 'comment');
        return presentReview(await insertReview(tx, row, actor.userId, 'comment', comment));
      });
    },

    async history(ctx: Ctx, id: string): Promise<KbReview[]> {
      const actor = requireKb(ctx, 'kb.read_internal');
      const row = await loadArticle(p.db, actor, id);
      return (await findReviews(p.db, row.id)).map(presentReview);
    },

    /**
     * The job: publishes the article if a publish is still scheduled and due. Rescheduled,
     * unscheduled or already published articles make it a no-op, so duplicates are harmless.
     */
    async publishDue(data: ScheduledPublishData): Promise<'published' | 'skipped'> {
      const ctx: Ctx = { actor: { kind: 'system', workspaceId: data.workspaceId }, log: p.log as unknown as Ctx['log'] };
      return p.transaction(async (tx) => {
        const row = await findArticle(tx, data.workspaceId, data.articleId, true);
        // A second early job of a rescheduled publish finds a later time and leaves it to its own job.
        if (!row?.publishAt || row.publishAt.getTime() > Date.now() + 1000) return 'skipped';
        try {
          await publishRow(tx, ctx, row, 'scheduled');
          return 'published';
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          // Not publishable any more (archived, emptied): drop the schedule instead of retrying.
          p.log.warn({ articleId: row.id, reason: err.message }, 'scheduled publish skipped');
          await updateArticle(tx, row.id, { publishAt: null, updatedAt: new Date() });
          return 'skipped';
        }
      });
    },
  };
}

export type WorkflowService = ReturnType<typeof workflowService>;
