import { and, desc, eq, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { feedbackOf } from '../templates.js';
import { type AnswerVote, botAnswers } from './insights.schema.js';

const QA_REASON = /^Q&A pair ([0-9a-f-]{36})\b/;

/** The Q&A pair a decision answered with (its log reason names it: flows-turn.ts). */
export function qaPairOf(reason: string): string | null {
  return QA_REASON.exec(reason)?.[1] ?? null;
}

export interface AnsweredTurn {
  decisionId: string;
  workspaceId: string;
  sessionId: string;
  ticketId: string;
  /** The visitor's message of this turn. */
  text: string;
  locale: string;
  action: string;
  reason: string;
  /** The KB passage the answer quoted (decision.chosen). */
  articleId: string | null;
  now?: Date;
}

/**
 * Called by the seat in its transaction for every turn: an answer that quoted an article or a
 * Q&A pair becomes votable; a "did this help?" button press is the vote on the chat's latest
 * such answer (pressing again changes the vote).
 */
export async function recordAnswerTurn(tx: DbOrTx, turn: AnsweredTurn): Promise<void> {
  const feedback = feedbackOf(turn.text);
  const now = turn.now ?? new Date();
  if (feedback) {
    const vote: AnswerVote = feedback === 'yes' ? 'helpful' : 'not_helpful';
    const [latest] = await tx
      .select({ decisionId: botAnswers.decisionId })
      .from(botAnswers)
      .where(and(eq(botAnswers.workspaceId, turn.workspaceId), eq(botAnswers.sessionId, turn.sessionId), lte(botAnswers.createdAt, now)))
      .orderBy(desc(botAnswers.createdAt), desc(botAnswers.decisionId))
      .limit(1);
    if (latest) await tx.update(botAnswers).set({ vote, votedAt: now }).where(eq(botAnswers.decisionId, latest.decisionId));
    return;
  }
  if (turn.action !== 'answer') return;
  const qaPairId = qaPairOf(turn.reason);
  const articleId = qaPairId ? null : turn.articleId;
  if (!qaPairId && !articleId) return;
  await tx.insert(botAnswers).values({
    decisionId: turn.decisionId,
    workspaceId: turn.workspaceId,
    sessionId: turn.sessionId,
    ticketId: turn.ticketId,
    articleId,
    qaPairId,
    locale: turn.locale,
    createdAt: now,
  });
}
