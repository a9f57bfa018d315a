import { analyzeForSearch } from '@switchboard/assistant-engine';
import { coverage } from '../kb-index.js';

/**
 * How well a message matches an admin-written phrase (Q&A question variant, intent example):
 * the mean of the share of the message's search terms in the phrase and the share of the
 * phrase's terms in the message, so extra words (an order number) cost less than missing ones.
 */
export function phraseScore(message: string, phrase: string): number {
  const q = analyzeForSearch(message);
  const p = analyzeForSearch(phrase);
  if (!q.length || !p.length) return 0;
  return (coverage(q, new Set(p)) + coverage(p, new Set(q))) / 2;
}

export const bestScore = (message: string, phrases: readonly string[]) => Math.max(0, ...phrases.map((p) => phraseScore(message, p)));
