import { describe, expect, it } from 'vitest';
import { extractiveSummary, isGreeting, sentencesOf } from './summary.js';

describe('extractiveSummary', () => {
  it('keeps the most informative visitor sentences, verbatim and in order, without greetings', () => {
    const summary = extractiveSummary([
      'Hello!',
      'I ordered a blue jacket last week and the parcel arrived damaged. Can you help?',
      'I would like a refund to my credit card instead of store credit.',
      'thanks',
    ]);
    expect(summary).toEqual([
      'I ordered a blue jacket last week and the parcel arrived damaged.',
      'I would like a refund to my credit card instead of store credit.',
    ]);
  });

  it('summarizes Chinese messages by segmented content words', () => {
    const summary = extractiveSummary(['你好', '我的订单还没有发货，已经等了两个星期。', '请帮我查一下物流信息和退款进度。'], 1);
    expect(summary).toHaveLength(1);
    expect(['我的订单还没有发货，已经等了两个星期。', '请帮我查一下物流信息和退款进度。']).toContain(summary[0]);
  });

  it('returns nothing for greetings and one-word messages', () => {
    expect(extractiveSummary(['hi', 'hello', 'refund?'])).toEqual([]);
  });

  it('splits sentences on ASCII and full-width punctuation and line breaks', () => {
    expect(sentencesOf('One. Two!\nThree？四。')).toEqual(['One.', 'Two!', 'Three？', '四。']);
    expect(isGreeting('Good morning!')).toBe(true);
    expect(isGreeting('Good morning, my order is late')).toBe(false);
  });
});
