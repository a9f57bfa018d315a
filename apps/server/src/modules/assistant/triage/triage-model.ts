import { detectLanguage, IntentClassifier, type IntentModelJson, normalizeText, SentimentAnalyzer } from '@switchboard/assistant-engine';
import type { TriageField } from '@switchboard/contracts';

/** Below these, a field's model is "out of scope": nothing is suggested (issue #7). */
export const MIN_EXAMPLES = 20;
export const MIN_PER_CLASS = 3;
/** A correction is worth this many plain history examples when retraining. */
export const CORRECTION_WEIGHT = 3;
/** Newest labelled tickets a training reads; enough for a linear model, bounded in time and memory. */
export const MAX_TRAINING_TICKETS = 5000;

export interface LabelledText {
  text: string;
  label: string;
  corrected: boolean;
}

export interface Guess {
  value: string;
  confidence: number;
}

export interface TrainedField {
  model: IntentModelJson | null;
  labels: number | null;
  examples: number;
}

/** What the models read of a ticket: its subject and first message. */
export const triageText = (subject: string, firstMessage: string) => `${subject}\n${firstMessage.slice(0, 2000)}`;

/**
 * Trains a field's classifier with the engine's linear model. Classes with fewer than
 * MIN_PER_CLASS examples are dropped; fewer than MIN_EXAMPLES examples or two classes → no model.
 * Corrections are repeated CORRECTION_WEIGHT times, so a correction outweighs stale history.
 */
export function trainField(rows: readonly LabelledText[]): TrainedField {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.label, (counts.get(r.label) ?? 0) + 1);
  const kept = rows.filter((r) => (counts.get(r.label) ?? 0) >= MIN_PER_CLASS && r.text.trim() !== '');
  const labels = new Set(kept.map((r) => r.label));
  if (kept.length < MIN_EXAMPLES || labels.size < 2) return { model: null, labels: null, examples: kept.length };
  const examples = kept.flatMap((r) =>
    Array.from({ length: r.corrected ? CORRECTION_WEIGHT : 1 }, () => ({ text: r.text, label: r.label })),
  );
  // Small per-workspace sets: no simulated out-of-scope classes, the threshold is ours (per field settings).
  const classifier = IntentClassifier.train(examples, { threshold: 0, pseudoOosFraction: 0, seed: 42 });
  return { model: classifier.toJSON(), labels: labels.size, examples: kept.length };
}

export function predictField(model: IntentClassifier | null, text: string): Guess | null {
  if (!model) return null;
  const top = model.predict(text, { topK: 1, threshold: 0 }).ranked[0];
  return top ? { value: top.label, confidence: round(top.probability) } : null;
}

const URGENT_WORDS =
  /\b(urgent(ly)?|emergency|asap|immediately|critical|outage|down|cannot work|can't work|production|data loss|lost data|security|hacked)\b|紧急|立即|马上|尽快|宕机|无法使用|崩溃|被盗/giu;
const FRUSTRATION_WEIGHT = { none: 0, low: 0.15, medium: 0.3, high: 0.5 } as const;
const sentiment = SentimentAnalyzer.lexiconOnly();

/**
 * Priority from urgency words, frustration and negative sentiment (a hand-set score, so it works
 * from the first ticket); blended with the workspace's priority classifier once one exists.
 */
export function priorityGuess(text: string, model: IntentClassifier | null): Guess {
  const hits = new Set((normalizeText(text).match(URGENT_WORDS) ?? []).map((w) => w.toLowerCase())).size;
  const s = sentiment.analyze(text);
  const score = Math.min(1, 0.35 * hits + FRUSTRATION_WEIGHT[s.frustration.level] + (s.scores.negative >= 0.6 ? 0.2 : 0));
  const dist: Record<string, number> =
    score >= 0.7
      ? { urgent: 0.6 + 0.35 * score, high: 0.35 - 0.35 * score + 0.05, normal: 0, low: 0 }
      : score >= 0.35
        ? { high: 0.5 + 0.5 * score, normal: 0.5 - 0.5 * score, urgent: 0, low: 0 }
        : { normal: 0.9 - score, high: 0.1 + score, urgent: 0, low: 0 };
  if (model) {
    const ranked = model.predict(text, { topK: 4, threshold: 0 }).ranked;
    for (const k of Object.keys(dist)) dist[k] = (dist[k] ?? 0) * 0.5;
    for (const r of ranked) dist[r.label] = (dist[r.label] ?? 0) + 0.5 * r.probability;
  }
  const [value, confidence] = Object.entries(dist).sort((a, b) => b[1] - a[1])[0] as [string, number];
  return { value, confidence: round(confidence) };
}

/** The ticket language from the engine's detector; Chinese maps to the zh-CN locale tickets use. */
export function languageGuess(text: string): Guess | null {
  const g = detectLanguage(text);
  // A weak guess on a short message is noise, not a suggestion.
  if (g.lang === 'und' || g.confidence < 0.5) return null;
  return { value: g.lang === 'zh' ? 'zh-CN' : g.lang, confidence: round(g.confidence) };
}

export const sameLanguage = (a: string, b: string) => a.split('-')[0]?.toLowerCase() === b.split('-')[0]?.toLowerCase();

/** Confidences stop short of 1, so a threshold of 1 means "never apply, always suggest". */
const round = (x: number) => Math.min(0.999, Math.round(x * 1000) / 1000);

/** Fields a stored model exists for (language needs none). */
export const MODEL_FIELDS = ['category', 'team', 'priority'] as const satisfies readonly TriageField[];
export type ModelField = (typeof MODEL_FIELDS)[number];
