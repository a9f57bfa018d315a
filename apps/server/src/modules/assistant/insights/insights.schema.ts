import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from '../../workspaces/workspaces.schema.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });
const workspaceRef = () =>
  uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

export type AnswerVote = 'helpful' | 'not_helpful';

/**
 * One row per assistant answer that quoted something a visitor can vote on (a KB passage or a
 * Q&A pair), keyed by its decision; the visitor's "did this help?" button lands in `vote`.
 */
export const botAnswers = pgTable(
  'bot_answers',
  {
    decisionId: uuid('decision_id').primaryKey(),
    workspaceId: workspaceRef(),
    sessionId: uuid('session_id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    articleId: uuid('article_id'),
    qaPairId: uuid('qa_pair_id'),
    locale: text('locale').notNull(),
    vote: text('vote').$type<AnswerVote>(),
    votedAt: ts('voted_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('bot_answers_created').on(t.workspaceId, t.createdAt),
    index('bot_answers_session').on(t.workspaceId, t.sessionId, t.createdAt),
  ],
);

/**
 * What staff did with a cluster of unanswered questions: the draft article made from it, or a
 * dismissal. `clusterKey` is the id of the cluster's first question; `questionIds` what it held then.
 */
export const botUnansweredClusters = pgTable(
  'bot_unanswered_clusters',
  {
    id: uuid('id').primaryKey(),
    workspaceId: workspaceRef(),
    clusterKey: uuid('cluster_key').notNull(),
    locale: text('locale').notNull(),
    representative: text('representative').notNull(),
    questionIds: uuid('question_ids').array().notNull().default(sql`'{}'::uuid[]`),
    articleId: uuid('article_id'),
    /** Set while a draft is being written (a second request meanwhile is a conflict). */
    creatingSince: ts('creating_since'),
    dismissedAt: ts('dismissed_at'),
    updatedBy: uuid('updated_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('bot_unanswered_clusters_key').on(t.workspaceId, t.clusterKey)],
);
