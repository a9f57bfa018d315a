import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { chatSessions } from '../../chat/index.js';
import { kbArticles } from '../../kb/index.js';
import { botDecisions } from '../assistant.schema.js';
import { botQaPairs } from '../flows/flows.schema.js';
import { botAnswers, botUnansweredClusters } from './insights.schema.js';

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const num = (v: unknown) => Number(v ?? 0);
const iso = (v: unknown) => new Date(v as string | Date).toISOString();

/** At most this many unanswered questions (the newest) are clustered per request. */
export const MAX_CLUSTERED_QUESTIONS = 2000;

export interface UnansweredRow {
  id: string;
  text: string;
  outcome: 'clarify' | 'rephrase' | 'handoff' | 'not_helpful';
  language: string;
  chatLocale: string | null;
  ticketId: string | null;
  createdAt: Date;
}

/**
 * Turns the assistant could not answer: a clarifying question or "please rephrase" (not a flow's
 * own re-ask, not the reply to a "did not help" button), a handoff after too many such turns,
 * and answers the visitor voted not helpful. Newest first, capped.
 */
export async function findUnanswered(db: DbOrTx, ws: string, from: Date, to: Date): Promise<{ rows: UnansweredRow[]; total: number }> {
  const d = botDecisions;
  const unanswered = sql`(
      (${d.action} in ('clarify', 'rephrase') and ${d.reason} not like 'flow %' and ${d.reason} <> 'answer did not help')
      or (${d.action} = 'handoff' and ${d.reason} like '%turns without an answer%' and ${d.reason} not like '%(answer did not help)%')
      or ${botAnswers.vote} = 'not_helpful')`;
  const where = sql`${d.workspaceId} = ${ws} and ${d.createdAt} >= ${from} and ${d.createdAt} < ${to} and ${unanswered}`;
  const result = await db.execute(sql`select ${d.id} as id, ${d.inputText} as text, ${d.action} as action, ${botAnswers.vote} as vote,
      ${d.language} as language, ${chatSessions.locale} as chat_locale, ${d.ticketId} as ticket_id, ${d.createdAt} as created_at,
      count(*) over () as total
    from ${d}
    left join ${botAnswers} on ${botAnswers.decisionId} = ${d.id}
    left join ${chatSessions} on ${chatSessions.id} = ${d.sessionId} and ${chatSessions.workspaceId} = ${ws}
    where ${where}
    order by ${d.createdAt} desc, ${d.id} desc
    limit ${MAX_CLUSTERED_QUESTIONS}`);
  type Row = {
    id: string;
    text: string;
    action: string;
    vote: string | null;
    language: string;
    chat_locale: string | null;
    ticket_id: string | null;
    created_at: string | Date;
    total: number;
  };
  const raw = rowsOf<Row>(result);
  return {
    total: num(raw[0]?.total),
    rows: raw.map((r) => ({
      id: r.id,
      text: r.text,
      outcome: r.action === 'answer' ? 'not_helpful' : (r.action as UnansweredRow['outcome']),
      language: r.language,
      chatLocale: r.chat_locale,
      ticketId: r.ticket_id,
      createdAt: new Date(r.created_at),
    })),
  };
}

export type ClusterActionRow = typeof botUnansweredClusters.$inferSelect;

export async function findClusterActions(db: DbOrTx, ws: string): Promise<Array<ClusterActionRow & { article: ArticleRef | null }>> {
  const rows = await db
    .select({
      action: botUnansweredClusters,
      article: { id: kbArticles.id, title: kbArticles.title, status: kbArticles.status },
    })
    .from(botUnansweredClusters)
    .leftJoin(kbArticles, and(eq(kbArticles.id, botUnansweredClusters.articleId), eq(kbArticles.workspaceId, ws)))
    .where(eq(botUnansweredClusters.workspaceId, ws));
  return rows.map((r) => ({ ...r.action, article: r.article?.id ? r.article : null }));
}

export interface ArticleRef {
  id: string;
  title: string;
  status: string;
}

/** Answers and votes per article and per Q&A pair, answers given in the range. */
export async function findAnswerVotes(db: DbOrTx, ws: string, from: Date, to: Date) {
  const a = botAnswers;
  const result = await db.execute(sql`select
      case when ${a.qaPairId} is null then 'article' else 'qa' end as kind,
      coalesce(${a.articleId}, ${a.qaPairId}) as id,
      coalesce(${kbArticles.publishedTitle}, ${kbArticles.title}, ${botQaPairs.questions}[1]) as title,
      coalesce(${kbArticles.locale}, ${botQaPairs.locale}, min(${a.locale})) as locale,
      count(*)::int as answers,
      (count(*) filter (where ${a.vote} = 'helpful'))::int as helpful,
      (count(*) filter (where ${a.vote} = 'not_helpful'))::int as not_helpful
    from ${a}
    left join ${kbArticles} on ${kbArticles.id} = ${a.articleId} and ${kbArticles.workspaceId} = ${ws}
    left join ${botQaPairs} on ${botQaPairs.id} = ${a.qaPairId} and ${botQaPairs.workspaceId} = ${ws}
    where ${a.workspaceId} = ${ws} and ${a.createdAt} >= ${from} and ${a.createdAt} < ${to}
    group by 1, 2, ${kbArticles.publishedTitle}, ${kbArticles.title}, ${kbArticles.locale}, ${botQaPairs.questions}, ${botQaPairs.locale}
    order by answers desc, 2
    limit 200`);
  type Row = {
    kind: 'article' | 'qa';
    id: string;
    title: string | null;
    locale: string;
    answers: number;
    helpful: number;
    not_helpful: number;
  };
  return rowsOf<Row>(result).map((r) => {
    const helpful = num(r.helpful);
    const notHelpful = num(r.not_helpful);
    return {
      kind: r.kind,
      id: r.id,
      title: r.title,
      locale: r.locale,
      answers: num(r.answers),
      helpful,
      notHelpful,
      helpfulRatio: helpful + notHelpful > 0 ? Math.round((helpful / (helpful + notHelpful)) * 1000) / 1000 : null,
    };
  });
}

/**
 * Chats the assistant took part in whose first assistant turn falls in the range (chats where
 * it only passed, being switched off, do not count), per UTC day. Handed off wins; resolved = no
 * handoff and a helpful vote, or an answer nobody voted down; unanswered = the rest.
 */
export async function findReportDays(db: DbOrTx, ws: string, from: Date, to: Date) {
  const d = botDecisions;
  const result = await db.execute(sql`with s as (
      select ${d.sessionId} as session_id, min(${d.createdAt}) as started,
        bool_or(${d.action} = 'handoff') as handed_off,
        bool_or(${d.action} = 'answer') as answered,
        bool_and(${d.action} = 'pass') as only_pass
      from ${d}
      where ${d.workspaceId} = ${ws} and ${d.sessionId} in (
        select ${d.sessionId} from ${d} where ${d.workspaceId} = ${ws} and ${d.createdAt} >= ${from} and ${d.createdAt} < ${to})
      group by ${d.sessionId}
    ), v as (
      select ${botAnswers.sessionId} as session_id, bool_or(${botAnswers.vote} = 'helpful') as helpful,
        bool_or(${botAnswers.vote} = 'not_helpful') as not_helpful
      from ${botAnswers} where ${botAnswers.workspaceId} = ${ws} group by ${botAnswers.sessionId}
    ), c as (
      select s.*, coalesce(v.helpful, false) as helpful, coalesce(v.not_helpful, false) as not_helpful
      from s left join v on v.session_id = s.session_id
      where not s.only_pass and s.started >= ${from} and s.started < ${to}
    )
    select to_char(started at time zone 'UTC', 'YYYY-MM-DD') as day, count(*)::int as conversations,
      (count(*) filter (where not handed_off and (helpful or (answered and not not_helpful))))::int as resolved,
      (count(*) filter (where handed_off))::int as handed_off,
      (count(*) filter (where not handed_off and not helpful and (not answered or not_helpful)))::int as unanswered
    from c group by 1 order by 1`);
  type Row = { day: string; conversations: number; resolved: number; handed_off: number; unanswered: number };
  return rowsOf<Row>(result).map((r) => ({
    day: r.day,
    conversations: num(r.conversations),
    resolved: num(r.resolved),
    handedOff: num(r.handed_off),
    unanswered: num(r.unanswered),
  }));
}

/** Handoffs in the range by the rule that fired, else by the built-in reason. */
export async function findHandoffReasons(db: DbOrTx, ws: string, from: Date, to: Date) {
  const d = botDecisions;
  const result = await db.execute(sql`select coalesce(substring(${d.reason} from 'rule "([^"]+)"\\)'),
        case when ${d.reason} like 'visitor asked for a person%' then 'human_request'
          when ${d.reason} like 'visitor is frustrated%' then 'frustration'
          when ${d.reason} like 'negative sentiment%' then 'negative_sentiment'
          when ${d.reason} like '%turns without an answer%' then 'failed_turns'
          when ${d.reason} like 'flow %' then 'flow'
          else 'other' end) as reason,
      count(*)::int as count
    from ${d}
    where ${d.workspaceId} = ${ws} and ${d.createdAt} >= ${from} and ${d.createdAt} < ${to} and ${d.action} = 'handoff'
    group by 1 order by 2 desc, 1`);
  return rowsOf<{ reason: string; count: number }>(result).map((r) => ({ reason: r.reason, count: num(r.count) }));
}

/** What the assistant answered most: articles, Q&A pairs (answers) and flows (chats that ran one). */
export async function findTopIntents(db: DbOrTx, ws: string, from: Date, to: Date, limit = 10) {
  const a = botAnswers;
  const d = botDecisions;
  const result = await db.execute(sql`select kind, name, count::int as count from (
      select case when ${a.qaPairId} is null then 'article' else 'qa' end as kind,
        coalesce(${kbArticles.publishedTitle}, ${kbArticles.title}, ${botQaPairs.questions}[1], '?') as name, count(*) as count
      from ${a}
      left join ${kbArticles} on ${kbArticles.id} = ${a.articleId} and ${kbArticles.workspaceId} = ${ws}
      left join ${botQaPairs} on ${botQaPairs.id} = ${a.qaPairId} and ${botQaPairs.workspaceId} = ${ws}
      where ${a.workspaceId} = ${ws} and ${a.createdAt} >= ${from} and ${a.createdAt} < ${to}
      group by 1, 2
      union all
      select 'flow', substring(${d.reason} from '^flow "([^"]+)"'), count(distinct ${d.sessionId})
      from ${d}
      where ${d.workspaceId} = ${ws} and ${d.createdAt} >= ${from} and ${d.createdAt} < ${to} and ${d.reason} like 'flow "%'
      group by 1, 2
    ) t order by count desc, name limit ${limit}`);
  return rowsOf<{ kind: 'article' | 'qa' | 'flow'; name: string; count: number }>(result).map((r) => ({
    kind: r.kind,
    name: r.name,
    count: num(r.count),
  }));
}

export async function countVotes(db: DbOrTx, ws: string, from: Date, to: Date) {
  const [row] = await db
    .select({
      helpful: sql<number>`(count(*) filter (where ${botAnswers.vote} = 'helpful'))::int`,
      notHelpful: sql<number>`(count(*) filter (where ${botAnswers.vote} = 'not_helpful'))::int`,
    })
    .from(botAnswers)
    .where(and(eq(botAnswers.workspaceId, ws), sql`${botAnswers.createdAt} >= ${from} and ${botAnswers.createdAt} < ${to}`));
  return { helpful: num(row?.helpful), notHelpful: num(row?.notHelpful) };
}

export { iso };
