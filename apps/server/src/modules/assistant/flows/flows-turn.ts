import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { users } from '../../identity/index.js';
import { tickets } from '../../tickets/index.js';
import type { Candidate } from '../kb-index.js';
import { keywordTriggers, runFlow, slotValue } from './flow-runner.js';
import { type FlowRow, findFlowSettings, listFlows, listQa, listRules, type RunRow, runsOfSession, saveRun } from './flows.repo.js';
import { DEFAULT_HANDOFF_RULES, type FiredRule, matchBeforeTurn, type RuleLike } from './handoff-rules.js';
import { openHeaders } from './header-secrets.js';
import { bestScore } from './phrase-match.js';

export interface ExtrasTurn {
  workspaceId: string;
  sessionId: string;
  ticketId: string;
  text: string;
  locale: string;
  sentiment: { label: 'negative' | 'neutral' | 'positive'; negative: number; frustration: 'none' | 'low' | 'medium' | 'high' };
  answerThreshold: number;
  keywords: readonly string[];
  /** The admin intent the workspace's classifier gave the message (intents/), if any. */
  intent?: string | null;
  /** Opens sealed action header values (header-secrets.ts); the platform's secrets. */
  secrets: { decrypt(sealed: string): string };
}

export type ExtrasResult =
  /** Nothing of ours applies: the KB retrieval decides (with these rules for failed turns). */
  | { kind: 'none'; rules: RuleLike[] }
  | { kind: 'reply'; action: 'answer' | 'clarify'; reason: string; text: string }
  | { kind: 'ticket'; reason: string; text: string; subject: string; slots: Record<string, unknown> }
  | { kind: 'handoff'; reason: string; teamId: string | null; rule: string | null; texts: string[] };

/** "back to my order", "continue", 继续: the visitor wants the paused flow back. */
const RESUME = /\b(back to|go back|continue|resume|where were we)\b|继续|回到/i;
/** Wrong answers to one question before the chat goes to a person. */
const MAX_INVALID = 3;

/** The handoff rules in force: the saved ones once an admin has looked at or edited them, else the defaults. */
export async function rulesInForce(db: DbOrTx, ws: string): Promise<RuleLike[]> {
  const settings = await findFlowSettings(db, ws);
  if (settings?.handoffRulesSeeded) return listRules(db, ws);
  return DEFAULT_HANDOFF_RULES.map((r) => ({ ...r, id: null }));
}

const withRule = (f: FiredRule) => `${f.detail} (rule "${f.rule.name}")`;

/**
 * The assistant's admin-defined behaviour for one visitor turn, before KB retrieval: handoff
 * rules, a running flow (slot answers, topic switches), resuming or starting flows, Q&A pairs.
 */
export async function flowsTurn(db: DbOrTx, t: ExtrasTurn, search: (q: string) => Promise<Candidate[]>): Promise<ExtrasResult> {
  const ws = t.workspaceId;
  const [flows, qa, rules, settings, runs] = await Promise.all([
    listFlows(db, ws).then((f) => f.filter((x) => x.enabled).map((x) => openHeaders(x, t.secrets))),
    listQa(db, ws).then((q) => q.filter((x) => x.enabled)),
    rulesInForce(db, ws),
    findFlowSettings(db, ws),
    runsOfSession(db, ws, t.sessionId),
  ]);
  const allowHosts = settings?.actionAllowHosts ?? [];
  const intents = flows.filter((f) => intentTriggers(f, t));
  // The customer's organization now (a visitor identified later, or moved by an admin, counts).
  const [ticket] = await db
    .select({ organizationId: sql<string | null>`coalesce(${users.organizationId}, ${tickets.organizationId})` })
    .from(tickets)
    .leftJoin(users, eq(users.id, tickets.requesterId))
    .where(and(eq(tickets.workspaceId, ws), eq(tickets.id, t.ticketId)));
  const fired = matchBeforeTurn(rules, {
    text: t.text,
    sentiment: t.sentiment,
    intents: [...intents.map((f) => f.trigger.intent?.name ?? ''), ...(t.intent ? [t.intent] : [])],
    organizationId: ticket?.organizationId ?? null,
    keywords: t.keywords,
  });
  if (fired) return { kind: 'handoff', reason: withRule(fired), teamId: fired.rule.teamId, rule: fired.rule.name, texts: [] };

  const qaHit = bestQa(qa, t);
  const triggered = (f: FlowRow) => flowTriggers(f, t, qaHit);
  const byId = new Map(flows.map((f) => [f.id, f]));
  const active = runs.find((r) => r.status === 'active' && byId.has(r.flowId));

  if (active) {
    const flow = byId.get(active.flowId) as FlowRow;
    const step = flow.steps.find((s) => s.id === active.stepId);
    if (step?.type === 'ask') {
      const value = slotValue(step, t.text);
      if (value !== undefined) {
        return advance(
          db,
          flow,
          { ...active, slots: { ...active.slots, [step.slot]: value }, invalidAnswers: 0, stepId: step.next },
          allowHosts,
        );
      }
      // Another topic with high confidence pauses the flow; the question is answered as usual.
      const other = flows.find((f) => f !== flow && triggered(f));
      const kbTop = other || qaHit ? null : (await search(t.text))[0];
      if (other || qaHit || (kbTop && kbTop.confidence >= t.answerThreshold)) {
        await saveRun(db, { ...active, status: 'paused' });
        return startOrAnswer(db, t, other ?? null, qaHit, runs, allowHosts, rules);
      }
      const invalidAnswers = active.invalidAnswers + 1;
      if (invalidAnswers >= MAX_INVALID) {
        await saveRun(db, { ...active, status: 'done', invalidAnswers });
        return handoff(`flow "${flow.name}": ${invalidAnswers} answers to "${step.slot}" did not validate`, null);
      }
      await saveRun(db, { ...active, invalidAnswers });
      const again = step.invalid ?? (t.locale === 'zh-CN' ? '抱歉，这个格式不对。' : 'Sorry, that does not look right.');
      return {
        kind: 'reply',
        action: 'clarify',
        reason: `flow "${flow.name}": "${step.slot}" did not validate, asked again`,
        text: `${again}\n${step.prompt}`,
      };
    }
  }

  const paused = runs.filter((r) => r.status === 'paused' && byId.has(r.flowId));
  const resumeByTrigger = paused.find((r) => triggered(byId.get(r.flowId) as FlowRow));
  const resume = resumeByTrigger ?? (RESUME.test(t.text) ? paused.at(-1) : undefined);
  if (resume) {
    const flow = byId.get(resume.flowId) as FlowRow;
    const out = await advance(db, flow, { ...resume, status: 'active' }, allowHosts);
    if (out.kind === 'reply') {
      const lead = t.locale === 'zh-CN' ? '好的，我们继续。' : "Let's continue where we left off.";
      return {
        ...out,
        reason: `flow "${flow.name}" resumed with ${Object.keys(resume.slots).length} collected value(s)`,
        text: `${lead}\n${out.text}`,
      };
    }
    return out;
  }
  return startOrAnswer(db, t, flows.find(triggered) ?? null, qaHit, runs, allowHosts, rules);
}

type TriggerTurn = Pick<ExtrasTurn, 'text' | 'intent' | 'answerThreshold'>;

/** The flow's trigger intent: the classifier's label, or a message close to one of its example phrases. */
const intentTriggers = (f: FlowRow, t: TriggerTurn) =>
  !!f.trigger.intent && (f.trigger.intent.name === t.intent || bestScore(t.text, f.trigger.intent.examples) >= t.answerThreshold);

/** Does this message start the flow: its keywords, its intent, or a Q&A pair it is triggered by? */
export const flowTriggers = (f: FlowRow, t: TriggerTurn, qaHit: { id: string } | null) =>
  keywordTriggers(f, t.text) || intentTriggers(f, t) || (qaHit !== null && f.trigger.qaIds.includes(qaHit.id));

/** The Q&A pair that answers this message: the best at or above the answer threshold (the turn's locale wins ties). */
export function bestQa(qa: Awaited<ReturnType<typeof listQa>>, t: Pick<ExtrasTurn, 'text' | 'locale' | 'answerThreshold'>) {
  let best: { id: string; answer: string; score: number; locale: string } | null = null;
  for (const q of qa) {
    const score = bestScore(t.text, q.questions) + (q.locale === t.locale ? 0.001 : 0);
    if (score >= t.answerThreshold && (!best || score > best.score)) best = { id: q.id, answer: q.answer, score, locale: q.locale };
  }
  return best;
}

async function startOrAnswer(
  db: DbOrTx,
  t: ExtrasTurn,
  flow: FlowRow | null,
  qaHit: ReturnType<typeof bestQa>,
  runs: RunRow[],
  allowHosts: readonly string[],
  rules: RuleLike[],
): Promise<ExtrasResult> {
  if (flow) {
    const paused = runs.find((r) => r.flowId === flow.id);
    const run = paused
      ? { ...paused, status: 'active' }
      : {
          sessionId: t.sessionId,
          flowId: flow.id,
          workspaceId: t.workspaceId,
          status: 'active',
          stepId: flow.start,
          slots: {},
          result: null,
          invalidAnswers: 0,
        };
    return advance(db, flow, run, allowHosts);
  }
  if (qaHit)
    return { kind: 'reply', action: 'answer', reason: `Q&A pair ${qaHit.id} (score ${qaHit.score.toFixed(2)})`, text: qaHit.answer };
  return { kind: 'none', rules };
}

const handoff = (reason: string, teamId: string | null, texts: string[] = []): ExtrasResult => ({
  kind: 'handoff',
  reason,
  teamId,
  rule: null,
  texts,
});

async function advance(db: DbOrTx, flow: FlowRow, run: Omit<RunRow, 'updatedAt'>, allowHosts: readonly string[]): Promise<ExtrasResult> {
  const out = await runFlow(flow, run, allowHosts);
  await saveRun(db, out.run);
  const text = out.texts.join('\n\n');
  const reason = `flow "${flow.name}" at step "${out.run.stepId}"`;
  switch (out.end.kind) {
    case 'wait':
      return { kind: 'reply', action: 'clarify', reason, text };
    case 'done':
      return { kind: 'reply', action: 'answer', reason: `flow "${flow.name}" finished at step "${out.run.stepId}"`, text };
    case 'ticket':
      return { kind: 'ticket', reason: `flow "${flow.name}" created a ticket`, text, subject: out.end.subject, slots: out.run.slots };
    case 'handoff':
      return handoff(out.end.reason, out.end.teamId, out.texts);
  }
}
