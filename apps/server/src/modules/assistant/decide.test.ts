import { describe, expect, it } from 'vitest';
import { type DecisionSettings, decide, EMPTY_MEMORY, type TurnSignals } from './decide.js';
import type { Candidate } from './kb-index.js';

const SETTINGS: DecisionSettings = { answerThreshold: 0.6, clarifyThreshold: 0.3, maxFailedTurns: 2, handoffKeywords: [] };
const NEUTRAL: TurnSignals['sentiment'] = { label: 'neutral', negative: 0.2, frustration: 'none' };
const turn = (text: string, sentiment = NEUTRAL): TurnSignals => ({ text, sentiment });

const cand = (title: string, confidence: number, score: number): Candidate => ({
  articleId: '00000000-0000-7000-8000-000000000000',
  title,
  slug: title.toLowerCase(),
  locale: 'en',
  passage: `${title} passage`,
  score,
  confidence,
});
/** A search that answers from a table of query → candidates. */
const searchOf = (table: Record<string, Candidate[]>) => async (q: string) => table[q] ?? [];

describe('decide', () => {
  it('answers a confident, unambiguous match and resets failed turns', async () => {
    const d = await decide(
      turn('reset password'),
      { ...EMPTY_MEMORY, failedTurns: 1 },
      SETTINGS,
      searchOf({ 'reset password': [cand('Password', 1, 5), cand('Other', 0.5, 1)] }),
    );
    expect(d).toMatchObject({
      action: 'answer',
      chosen: { title: 'Password' },
      memory: { failedTurns: 0, lastQuestion: 'reset password' },
    });
  });

  it('clarifies with the top titles when two articles match equally', async () => {
    const d = await decide(
      turn('how long'),
      EMPTY_MEMORY,
      SETTINGS,
      searchOf({ 'how long': [cand('Refunds', 1, 5), cand('Shipping', 1, 4), cand('Refunds', 0.5, 1)] }),
    );
    expect(d).toMatchObject({ action: 'clarify', options: ['Refunds', 'Shipping'], memory: { failedTurns: 1 } });
  });

  it('combines a follow-up with the previous question', async () => {
    const memory = { ...EMPTY_MEMORY, lastQuestion: 'refund' };
    const d = await decide(turn('how long'), memory, SETTINGS, searchOf({ 'how long': [], 'refund how long': [cand('Refunds', 1, 3)] }));
    expect(d).toMatchObject({ action: 'answer', reason: 'follow-up answered together with the previous question' });
  });

  it('asks to rephrase, then hands off after maxFailedTurns', async () => {
    const first = await decide(turn('zzz'), EMPTY_MEMORY, SETTINGS, searchOf({}));
    expect(first).toMatchObject({ action: 'rephrase', memory: { failedTurns: 1 } });
    const second = await decide(turn('yyy'), first.memory, SETTINGS, searchOf({}));
    expect(second.action).toBe('handoff');
    expect(second.reason).toMatch(/^2 turns without an answer/);
  });

  it('hands off on a request for a person, frustration or strongly negative sentiment before searching', async () => {
    const never = async () => {
      throw new Error('no search expected');
    };
    expect((await decide(turn('转人工'), EMPTY_MEMORY, SETTINGS, never)).action).toBe('handoff');
    expect((await decide(turn('why', { ...NEUTRAL, frustration: 'high' }), EMPTY_MEMORY, SETTINGS, never)).reason).toBe(
      'visitor is frustrated',
    );
    expect(
      (await decide(turn('bad', { label: 'negative', negative: 0.8, frustration: 'low' }), EMPTY_MEMORY, SETTINGS, never)).reason,
    ).toBe('negative sentiment');
  });

  it('treats greetings and "did this help?" buttons without searching', async () => {
    const never = async () => [];
    expect((await decide(turn('Hello!'), EMPTY_MEMORY, SETTINGS, never)).action).toBe('greet');
    expect((await decide(turn('有帮助'), { ...EMPTY_MEMORY, failedTurns: 1 }, SETTINGS, never)).memory.failedTurns).toBe(0);
    expect((await decide(turn('No, I need more help'), { ...EMPTY_MEMORY, failedTurns: 1 }, SETTINGS, never)).action).toBe('handoff');
  });
});
