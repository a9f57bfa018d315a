import type { KbFeedbackBody, KbFeedbackItem } from '@switchboard/contracts';
import { and, desc, eq, isNotNull, lt, or, sql } from 'drizzle-orm';
import { isUser } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { AppError, notFound } from '../../platform/errors.js';
import { recordEvent } from '../../platform/events/outbox.js';
import { uuidv7 } from '../../platform/ids.js';
import type { Platform } from '../../platform/platform.js';
import { recordAudit } from '../audit/index.js';
import { requirePermission } from '../identity/index.js';
import { kbArticles, kbFeedback } from '../kb/kb.schema.js';
import { audienceOf } from './audience.js';
import { articleGate, gateAllows } from './hc.repo.js';

/** Anonymous feedback per IP address: enough for a person, not for a script. */
export const FEEDBACK_RATE = { limit: 30, windowSeconds: 3600 };

const articleNotFound = () => notFound('kb_article.not_found', 'Article');
const feedbackNotFound = () => notFound('kb_feedback.not_found', 'Feedback');

/** Plain text only: control characters out (newlines and tabs stay), blank means none. */
export function cleanComment(comment: string | undefined): string | null {
  const text = (comment ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/(?![\n\t])\p{Cc}/gu, '')
    .trim();
  return text === '' ? null : text;
}

async function recount(tx: DbOrTx, articleId: string) {
  const [row] = await tx
    .update(kbArticles)
    .set({
      helpfulCount: sql`(select count(*)::int from ${kbFeedback} where ${kbFeedback.articleId} = ${articleId} and ${kbFeedback.helpful})`,
      notHelpfulCount: sql`(select count(*)::int from ${kbFeedback} where ${kbFeedback.articleId} = ${articleId} and not ${kbFeedback.helpful})`,
    })
    .where(eq(kbArticles.id, articleId))
    .returning({ helpfulCount: kbArticles.helpfulCount, notHelpfulCount: kbArticles.notHelpfulCount });
  return row ?? { helpfulCount: 0, notHelpfulCount: 0 };
}

function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

function decodeCursor(raw: string | undefined): { createdAt: Date; id: string } | null {
  if (!raw) return null;
  const [at, id] = Buffer.from(raw, 'base64url').toString().split('|');
  const createdAt = new Date(at ?? '');
  return id && !Number.isNaN(createdAt.getTime()) && /^[0-9a-f-]{36}$/.test(id) ? { createdAt, id } : null;
}

export function kbFeedbackService(p: Platform) {
  async function throttle(ctx: Ctx): Promise<void> {
    if (isUser(ctx.actor)) return;
    const r = await p.rateLimiter.hit(`kb-feedback:${ctx.ip ?? 'unknown'}`, FEEDBACK_RATE.limit, FEEDBACK_RATE.windowSeconds);
    if (!r.allowed) {
      throw new AppError('rate_limited', 429, 'Too much feedback from this address; try again later', {
        retryAfterSeconds: r.retryAfterSeconds,
      });
    }
  }

  return {
    /**
     * One vote per visitor (signed-in user, else visitor cookie) and article: voting again
     * replaces the earlier vote and comment. A comment waits in moderation.
     */
    async submit(ctx: Ctx, articleId: string, input: KbFeedbackBody, visitorKey: string | null) {
      await throttle(ctx);
      const gate = await articleGate(p.db, articleId);
      if (!gate) throw articleNotFound();
      const actor = ctx.actor;
      if (isUser(actor) && actor.workspaceId !== gate.workspaceId) throw articleNotFound();
      if (!gateAllows(gate, audienceOf(actor, gate.workspaceId))) throw articleNotFound();
      const userId = isUser(actor) ? actor.userId : null;
      if (!userId && !visitorKey) throw new AppError('validation.failed', 400, 'A visitor cookie is required to send feedback');
      const comment = cleanComment(input.comment);
      const moderation = comment ? ('pending' as const) : ('approved' as const);
      return p.transaction(async (tx) => {
        // The article row lock serializes votes on it: no double vote from two quick clicks.
        await tx.select({ id: kbArticles.id }).from(kbArticles).where(eq(kbArticles.id, articleId)).for('update');
        const who = userId ? eq(kbFeedback.userId, userId) : eq(kbFeedback.visitorKey, visitorKey as string);
        const [existing] = await tx
          .select({ id: kbFeedback.id })
          .from(kbFeedback)
          .where(and(eq(kbFeedback.articleId, articleId), who));
        const id = existing?.id ?? uuidv7();
        const values = { helpful: input.helpful, comment, moderation, moderatedBy: null, locale: gate.locale };
        if (existing) {
          await tx
            .update(kbFeedback)
            .set({ ...values, visitorKey: visitorKey ?? undefined, createdAt: sql`now()` })
            .where(eq(kbFeedback.id, id));
        } else {
          await tx.insert(kbFeedback).values({ id, workspaceId: gate.workspaceId, articleId, userId, visitorKey, ...values });
        }
        const counts = await recount(tx, articleId);
        await recordEvent(tx, actor, {
          workspaceId: gate.workspaceId,
          type: 'article.feedback_submitted',
          subject: { type: 'article', id: articleId },
          payload: { feedbackId: id, helpful: input.helpful, hasComment: comment !== null, replaced: Boolean(existing) },
        });
        return { id, helpful: input.helpful, moderation, replaced: Boolean(existing), ...counts };
      });
    },

    /** The moderation queue (and the approved / rejected lists): comments only, newest first. */
    async list(ctx: Ctx, query: { moderation: 'pending' | 'approved' | 'rejected'; limit: number; cursor?: string | undefined }) {
      const actor = requirePermission(ctx.actor, 'kb.publish');
      const after = decodeCursor(query.cursor);
      const rows = await p.db
        .select({
          id: kbFeedback.id,
          articleId: kbFeedback.articleId,
          articleTitle: sql<string>`coalesce(${kbArticles.publishedTitle}, ${kbArticles.title})`,
          locale: kbFeedback.locale,
          helpful: kbFeedback.helpful,
          comment: kbFeedback.comment,
          moderation: kbFeedback.moderation,
          userId: kbFeedback.userId,
          createdAt: kbFeedback.createdAt,
        })
        .from(kbFeedback)
        .innerJoin(kbArticles, eq(kbArticles.id, kbFeedback.articleId))
        .where(
          and(
            eq(kbFeedback.workspaceId, actor.workspaceId),
            eq(kbFeedback.moderation, query.moderation),
            isNotNull(kbFeedback.comment),
            after
              ? or(lt(kbFeedback.createdAt, after.createdAt), and(eq(kbFeedback.createdAt, after.createdAt), lt(kbFeedback.id, after.id)))
              : undefined,
          ),
        )
        .orderBy(desc(kbFeedback.createdAt), desc(kbFeedback.id))
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map((r): KbFeedbackItem => ({ ...r, createdAt: r.createdAt.toISOString() })),
        nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
      };
    },

    async moderate(ctx: Ctx, id: string, decision: 'approved' | 'rejected'): Promise<KbFeedbackItem> {
      const actor = requirePermission(ctx.actor, 'kb.publish');
      return p.transaction(async (tx) => {
        const [row] = await tx
          .update(kbFeedback)
          .set({ moderation: decision, moderatedBy: actor.userId })
          .where(and(eq(kbFeedback.id, id), eq(kbFeedback.workspaceId, actor.workspaceId)))
          .returning();
        if (!row) throw feedbackNotFound();
        await recordAudit(tx, ctx, {
          workspaceId: actor.workspaceId,
          action: `kb_feedback.${decision}`,
          subject: { type: 'kb_feedback', id },
          data: { articleId: row.articleId },
        });
        const [article] = await tx
          .select({ title: sql<string>`coalesce(${kbArticles.publishedTitle}, ${kbArticles.title})` })
          .from(kbArticles)
          .where(eq(kbArticles.id, row.articleId));
        return {
          id: row.id,
          articleId: row.articleId,
          articleTitle: article?.title ?? '',
          locale: row.locale,
          helpful: row.helpful,
          comment: row.comment,
          moderation: row.moderation,
          userId: row.userId,
          createdAt: row.createdAt.toISOString(),
        };
      });
    },
  };
}

export type KbFeedbackService = ReturnType<typeof kbFeedbackService>;
