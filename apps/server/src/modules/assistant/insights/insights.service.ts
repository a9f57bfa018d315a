import {
  type AnswerVotes,
  type BotReport,
  type ClusterActionBody,
  type InsightsRangeQuery,
  type KbArticle,
  type Locale,
  matchLocale,
  type UnansweredCluster,
  type UnansweredClusters,
  type UnansweredQuery,
} from '@switchboard/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.js';
import { conflict, invalid, notFound } from '../../../platform/errors.js';
import { uuidv7 } from '../../../platform/ids.js';
import type { Platform } from '../../../platform/platform.js';
import { requirePermission } from '../../identity/index.js';
import { type KbModule, kbArticles } from '../../kb/index.js';
import { feedbackOf } from '../templates.js';
import { CLUSTER_THRESHOLDS, type Cluster, clusterQuestions } from './cluster.js';
import { draftFromCluster } from './cluster-draft.js';
import {
  countVotes,
  findAnswerVotes,
  findClusterActions,
  findHandoffReasons,
  findReportDays,
  findTopIntents,
  findUnanswered,
  type UnansweredRow,
} from './insights.repo.js';

type ClusterActionView = Awaited<ReturnType<typeof findClusterActions>>[number];

import { botUnansweredClusters } from './insights.schema.js';

const DAY_MS = 86_400_000;
const DEFAULT_RANGE_DAYS = 30;
const MAX_RANGE_DAYS = 366;
const SAMPLES = 5;
/** A draft being written for longer than this was abandoned (the process died): it may be retried. */
const STALE_CLAIM = sql`now() - interval '5 minutes'`;

/** `to` defaults to now, `from` to 30 days before it. */
export function insightsRange(input: InsightsRangeQuery, now = new Date()) {
  const to = input.to ? new Date(input.to) : now;
  const from = input.from ? new Date(input.from) : new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
  if (from >= to) throw invalid('from', 'from must be before to');
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) throw invalid('from', `The range is at most ${MAX_RANGE_DAYS} days`);
  return { from, to };
}

/** The locale a question was asked in: the detected language, else the chat's locale. */
function localeOf(row: UnansweredRow): Locale {
  if (row.language === 'zh') return 'zh-CN';
  if (row.language === 'en') return 'en';
  return matchLocale(row.chatLocale);
}

type Question = UnansweredRow & { locale: Locale };

/** The representative first, then the newest other wordings (case and spaces ignored). */
function samplesOf(c: Cluster<Question>): Question[] {
  const seen = new Set([c.representative.text.trim().toLowerCase()]);
  const samples = [c.representative];
  for (const m of [...c.members].reverse()) {
    if (samples.length >= SAMPLES) break;
    const norm = m.text.trim().toLowerCase();
    if (seen.has(norm)) continue;
    seen.add(norm);
    samples.push(m);
  }
  return samples;
}

function presentCluster(c: Cluster<Question>, locale: Locale, action: ClusterActionView | null): UnansweredCluster {
  return {
    key: c.key,
    locale,
    count: c.members.length,
    representative: c.representative.text.trim(),
    samples: samplesOf(c).map((s) => ({
      id: s.id,
      text: s.text,
      outcome: s.outcome,
      ticketId: s.ticketId,
      createdAt: s.createdAt.toISOString(),
    })),
    questionIds: c.members.map((m) => m.id),
    firstSeen: (c.members[0] as Question).createdAt.toISOString(),
    lastSeen: (c.members.at(-1) as Question).createdAt.toISOString(),
    article: action?.article ?? null,
    dismissed: !!action?.dismissedAt,
  };
}

const clusterNotFound = () => notFound('assistant_insights.cluster_not_found', 'Question cluster');

/**
 * The learning loop: votes on answers, unanswered questions clustered into knowledge-base
 * drafts, and the report of bot conversations. Reads need report.read; turning a cluster into a
 * draft or dismissing it also needs kb.write.
 */
export function insightsService(p: Platform, kb: KbModule) {
  async function clusters(ws: string, range: { from: Date; to: Date }, locale?: Locale) {
    const { rows, total } = await findUnanswered(p.db, ws, range.from, range.to);
    const questions = rows
      .filter((r) => r.text.trim() !== '' && !feedbackOf(r.text))
      .map((r) => ({ ...r, locale: localeOf(r) }))
      .filter((r) => !locale || r.locale === locale)
      .reverse();
    const actions = await findClusterActions(p.db, ws);
    const out: UnansweredCluster[] = [];
    for (const loc of ['en', 'zh-CN'] as const) {
      for (const c of clusterQuestions(
        questions.filter((q) => q.locale === loc),
        CLUSTER_THRESHOLDS[loc],
      )) {
        const ids = new Set(c.members.map((m) => m.id));
        const action = actions.find((a) => a.clusterKey === c.key) ?? actions.find((a) => a.questionIds.some((id) => ids.has(id)));
        out.push(presentCluster(c, loc, action ?? null));
      }
    }
    out.sort((a, b) => b.count - a.count || b.lastSeen.localeCompare(a.lastSeen) || a.key.localeCompare(b.key));
    return { total, items: out };
  }

  async function findCluster(ws: string, key: string, body: ClusterActionBody): Promise<UnansweredCluster> {
    const range = insightsRange(body);
    const cluster = (await clusters(ws, range, body.locale)).items.find((c) => c.key === key);
    if (!cluster) throw clusterNotFound();
    return cluster;
  }

  return {
    async report(ctx: Ctx, query: InsightsRangeQuery): Promise<BotReport> {
      const actor = requirePermission(ctx.actor, 'report.read');
      const ws = actor.workspaceId;
      const { from, to } = insightsRange(query);
      const [days, handoffReasons, votes, topIntents, unanswered] = await Promise.all([
        findReportDays(p.db, ws, from, to),
        findHandoffReasons(p.db, ws, from, to),
        countVotes(p.db, ws, from, to),
        findTopIntents(p.db, ws, from, to),
        findUnanswered(p.db, ws, from, to),
      ]);
      const sum = (k: 'conversations' | 'resolved' | 'handedOff' | 'unanswered') => days.reduce((n, d) => n + d[k], 0);
      return {
        from: from.toISOString(),
        to: to.toISOString(),
        conversations: sum('conversations'),
        resolvedByBot: sum('resolved'),
        handedOff: sum('handedOff'),
        unanswered: sum('unanswered'),
        unansweredQuestions: unanswered.rows.filter((r) => !feedbackOf(r.text)).length,
        handoffReasons,
        votes,
        topIntents,
        days,
      };
    },

    async votes(ctx: Ctx, query: InsightsRangeQuery): Promise<AnswerVotes> {
      const actor = requirePermission(ctx.actor, 'report.read');
      const { from, to } = insightsRange(query);
      return { from: from.toISOString(), to: to.toISOString(), items: await findAnswerVotes(p.db, actor.workspaceId, from, to) };
    },

    async unanswered(ctx: Ctx, query: UnansweredQuery): Promise<UnansweredClusters> {
      const actor = requirePermission(ctx.actor, 'report.read');
      const range = insightsRange(query);
      const { total, items } = await clusters(actor.workspaceId, range, query.locale);
      const visible = query.includeDismissed === 'true' ? items : items.filter((c) => !c.dismissed);
      return { from: range.from.toISOString(), to: range.to.toISOString(), totalQuestions: total, items: visible };
    },

    /** A KB draft from a cluster, in its locale; once per cluster (409 on repeat). */
    async createArticle(ctx: Ctx, key: string, body: ClusterActionBody): Promise<KbArticle> {
      const actor = requirePermission(ctx.actor, 'report.read');
      requirePermission(ctx.actor, 'kb.write');
      const ws = actor.workspaceId;
      const cluster = await findCluster(ws, key, body);
      const exists = () => conflict('assistant_insights.article_exists', 'An article was already created from these questions');
      if (cluster.article) throw exists();
      const t = botUnansweredClusters;
      // Claim the cluster first: of two concurrent requests only one writes a draft.
      const [claim] = await p.db
        .insert(t)
        .values({
          id: uuidv7(),
          workspaceId: ws,
          clusterKey: key,
          locale: cluster.locale,
          representative: cluster.representative,
          questionIds: cluster.questionIds,
          creatingSince: new Date(),
          updatedBy: actor.userId,
        })
        .onConflictDoUpdate({
          target: [t.workspaceId, t.clusterKey],
          set: { creatingSince: new Date(), questionIds: cluster.questionIds, updatedBy: actor.userId, updatedAt: new Date() },
          setWhere: sql`(${t.articleId} is null or not exists (select 1 from ${kbArticles} where ${kbArticles.id} = ${t.articleId}))
            and (${t.creatingSince} is null or ${t.creatingSince} < ${STALE_CLAIM})`,
        })
        .returning({ id: t.id });
      if (!claim) throw exists();
      try {
        const draft = draftFromCluster(cluster);
        const article = await kb.articles.create(ctx, { locale: cluster.locale, ...draft });
        await p.db.update(t).set({ articleId: article.id, creatingSince: null, updatedAt: new Date() }).where(eq(t.id, claim.id));
        return article;
      } catch (err) {
        await p.db.update(t).set({ creatingSince: null }).where(eq(t.id, claim.id));
        throw err;
      }
    },

    async setDismissed(ctx: Ctx, key: string, body: ClusterActionBody, dismissed: boolean): Promise<void> {
      const actor = requirePermission(ctx.actor, 'report.read');
      requirePermission(ctx.actor, 'kb.write');
      const ws = actor.workspaceId;
      const t = botUnansweredClusters;
      if (!dismissed) {
        const [row] = await p.db
          .update(t)
          .set({ dismissedAt: null, updatedBy: actor.userId, updatedAt: new Date() })
          .where(and(eq(t.workspaceId, ws), eq(t.clusterKey, key)))
          .returning({ id: t.id });
        if (!row) throw clusterNotFound();
        return;
      }
      const cluster = await findCluster(ws, key, body);
      const now = new Date();
      await p.db
        .insert(t)
        .values({
          id: uuidv7(),
          workspaceId: ws,
          clusterKey: key,
          locale: cluster.locale,
          representative: cluster.representative,
          questionIds: cluster.questionIds,
          dismissedAt: now,
          updatedBy: actor.userId,
        })
        .onConflictDoUpdate({
          target: [t.workspaceId, t.clusterKey],
          set: { dismissedAt: now, questionIds: cluster.questionIds, updatedBy: actor.userId, updatedAt: now },
        });
    },
  };
}

export type InsightsService = ReturnType<typeof insightsService>;
