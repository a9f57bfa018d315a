import type { BotAction } from '@switchboard/contracts';
import type { BotMemory } from './assistant.schema.js';
import { matchFailedTurns, type RuleLike } from './flows/handoff-rules.js';
import { findHandoffRequest } from './handoff-keywords.js';
import type { Candidate } from './kb-index.js';
import type { CitedCandidate, ModelAnswer } from './provider/model-features.js';
import { isGreeting } from './summary.js';
import { feedbackOf } from './templates.js';

export interface DecisionSettings {
  answerThreshold: number;
  clarifyThreshold: number;
  maxFailedTurns: number;
  handoffKeywords: readonly string[];
  /** Handoff rules in force (flows/handoff-rules.ts): the caller checked the others already; only failed turns are left here. */
  handoffRules?: readonly RuleLike[] | undefined;
}

export interface TurnSignals {
  text: string;
  sentiment: { label: 'negative' | 'neutral' | 'positive'; negative: number; frustration: 'none' | 'low' | 'medium' | 'high' };
}

export interface Decision {
  action: BotAction;
  reason: string;
  candidates: Candidate[];
  /** The passage to quote (answer) */
  chosen: Candidate | null;
  /** Titles offered as quick replies (clarify) */
  options: string[];
  memory: BotMemory;
  /** The handoff rule that fired and its team queue (null = the channel's team). */
  rule?: { name: string; teamId: string | null } | undefined;
  /** An answer the model provider wrote from the cited passages (provider/). */
  generated?: { text: string; sources: CitedCandidate[] } | undefined;
}

/** Negative probability above which a negative message goes to a human. */
const NEGATIVE_HANDOFF = 0.7;
const CLARIFY_OPTIONS = 3;
const AMBIGUOUS_SCORE_RATIO = 0.6;
export const NOT_HELPFUL = 'answer did not help';

export const EMPTY_MEMORY: BotMemory = { lastQuestion: null, lastArticleId: null, failedTurns: 0 };

/**
 * Two articles cover the question equally well and the ranker does not clearly prefer one
 * (its scores are relative; within 40% of each other they are weak evidence): ask, do not guess.
 */
function ambiguous(c: Candidate[]): boolean {
  const [a, b] = c;
  return !!a && !!b && b.confidence >= a.confidence - 0.001 && b.score >= AMBIGUOUS_SCORE_RATIO * a.score;
}

const confident = (c: Candidate[], s: DecisionSettings) => (c[0]?.confidence ?? 0) >= s.answerThreshold && !ambiguous(c);

/**
 * One turn of the assistant, in order: explicit request for a person, frustration or strong
 * negative sentiment, "did this help?" buttons, greetings, then retrieval (answer when confident,
 * else retry combined with the previous question, else one clarifying question, else ask to
 * rephrase); N consecutive turns without an answer hand off.
 */
export async function decide(
  turn: TurnSignals,
  memory: BotMemory,
  settings: DecisionSettings,
  search: (query: string) => Promise<Candidate[]>,
  model?: (question: string, previous: string | null, candidates: Candidate[]) => Promise<ModelAnswer>,
): Promise<Decision> {
  const base = { candidates: [] as Candidate[], chosen: null, options: [] as string[] };
  const handoff = (reason: string, candidates: Candidate[] = [], rule?: Decision['rule']): Decision => ({
    ...base,
    candidates,
    action: 'handoff',
    reason,
    memory: { ...memory, failedTurns: 0 },
    rule,
  });
  const failed = (action: BotAction, reason: string, extra: Partial<Decision> = {}): Decision => {
    const failedTurns = memory.failedTurns + 1;
    const why = `${failedTurns} turns without an answer (${reason})`;
    if (settings.handoffRules) {
      const fired = matchFailedTurns(settings.handoffRules, failedTurns, settings.maxFailedTurns);
      if (fired) return handoff(`${why} (rule "${fired.rule.name}")`, extra.candidates, fired.rule);
    } else if (failedTurns >= settings.maxFailedTurns) return handoff(why, extra.candidates);
    return {
      ...base,
      ...extra,
      action,
      reason,
      memory: { ...memory, lastQuestion: extra.memory?.lastQuestion ?? memory.lastQuestion, failedTurns },
    };
  };

  if (!settings.handoffRules) {
    const keyword = findHandoffRequest(turn.text, settings.handoffKeywords);
    if (keyword) return handoff(`visitor asked for a person ("${keyword}")`);
    if (turn.sentiment.frustration === 'high') return handoff('visitor is frustrated');
    if (turn.sentiment.label === 'negative' && turn.sentiment.negative >= NEGATIVE_HANDOFF) return handoff('negative sentiment');
  }

  const feedback = feedbackOf(turn.text);
  if (feedback === 'yes') return { ...base, action: 'acknowledge', reason: 'answer helped', memory: { ...memory, failedTurns: 0 } };
  if (feedback === 'no') return failed('rephrase', NOT_HELPFUL);
  if (isGreeting(turn.text)) return { ...base, action: 'greet', reason: 'greeting', memory };

  let question = turn.text;
  let candidates = await search(question);
  let reason = 'best passage above the answer threshold';
  if (!confident(candidates, settings) && memory.lastQuestion) {
    // A follow-up ("and how long does it take?") often only makes sense with the previous question.
    const combined = `${memory.lastQuestion} ${turn.text}`;
    const withContext = await search(combined);
    if (confident(withContext, settings)) {
      question = combined;
      candidates = withContext;
      reason = 'follow-up answered together with the previous question';
    }
  }
  const top = candidates[0];
  // With a model provider: it answers from the relevant passages, or refuses (→ clarify/handoff below).
  const relevant = candidates.filter((c) => c.confidence >= settings.clarifyThreshold);
  const generated = model && relevant.length ? await model(turn.text, memory.lastQuestion, relevant) : null;
  if (generated?.kind === 'answer') {
    const cited = generated.sources[0] as Candidate;
    const memo = { lastQuestion: question, lastArticleId: cited.articleId, failedTurns: 0 };
    return { ...base, candidates, chosen: cited, generated, action: 'answer', reason: 'model answer from cited passages', memory: memo };
  }
  const refused = generated?.kind === 'refused';
  if (top && confident(candidates, settings) && !refused) {
    return {
      ...base,
      candidates,
      chosen: top,
      action: 'answer',
      reason,
      memory: { lastQuestion: question, lastArticleId: top.articleId, failedTurns: 0 },
    };
  }
  const asked = { memory: { ...memory, lastQuestion: turn.text } };
  if (top && top.confidence >= settings.clarifyThreshold) {
    const options = [...new Set(candidates.map((c) => c.title))].slice(0, CLARIFY_OPTIONS);
    const why = refused
      ? 'model: the passages do not cover the question'
      : ambiguous(candidates)
        ? 'several articles match equally'
        : 'best passage below the answer threshold';
    return failed('clarify', why, { candidates, options, ...asked });
  }
  return failed('rephrase', top ? 'best passage below the clarify threshold' : 'no matching passage', { candidates, ...asked });
}
