import { segmentChinese } from '../text/jieba.js';
import { normalizeText } from '../text/normalize.js';
import { porterStem } from '../text/stemmer.js';
import {
  EN_NEGATIVE,
  EN_POSITIVE,
  HUMAN_REQUEST_PATTERNS,
  NEGATORS_EN,
  NEGATORS_ZH,
  PROFANITY,
  ZH_NEGATIVE,
  ZH_POSITIVE,
} from './lexicon.js';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

const EN_POS = new Set(EN_POSITIVE.map(porterStem));
const EN_NEG = new Set(EN_NEGATIVE.map(porterStem));
const ZH_POS = new Set(ZH_POSITIVE);
const ZH_NEG = new Set(ZH_NEGATIVE);
const PROFANE = new Set(PROFANITY.map((w) => (/^[a-z]+$/.test(w) ? porterStem(w) : w)));
const CLAUSE_END = /^[.,;:!?，。；：！？]$/;

export interface LexiconHits {
  positive: number;
  negative: number;
  /** polarity words under a negator ("not good", "不好") */
  negatedPositive: number;
  negatedNegative: number;
  profanity: number;
}

function tokens(text: string): { stems: string[]; zh: boolean } {
  const norm = normalizeText(text);
  const out: string[] = [];
  let zh = false;
  for (const m of norm.matchAll(/(\p{Script=Han}+)|([a-z]+(?:'[a-z]+)?)|([.,;:!?，。；：！？])/gu)) {
    if (m[1]) {
      zh = true;
      out.push(...segmentChinese(m[1]));
    } else if (m[2]) {
      const w = m[2].replace(/n't$/, '');
      out.push(porterStem(w));
      if (m[2].endsWith("n't")) out.push("n't");
    } else if (m[3]) out.push(m[3]);
  }
  return { stems: out, zh };
}

/** Count lexicon hits; a negator flips polarity words until the end of its clause (max 3 words on). */
export function lexiconHits(text: string): LexiconHits {
  const { stems } = tokens(text);
  const hits: LexiconHits = { positive: 0, negative: 0, negatedPositive: 0, negatedNegative: 0, profanity: 0 };
  let negatedFor = 0;
  for (const t of stems) {
    if (CLAUSE_END.test(t)) {
      negatedFor = 0;
      continue;
    }
    if (PROFANE.has(t)) hits.profanity++;
    let zhNegated = false;
    let word = t;
    const neg = NEGATORS_ZH.find(
      (n) => t.startsWith(n) && t.length > n.length && (ZH_POS.has(t.slice(n.length)) || ZH_NEG.has(t.slice(n.length))),
    );
    if (neg && !ZH_NEG.has(t)) {
      zhNegated = true;
      word = t.slice(neg.length);
    }
    const pos = EN_POS.has(word) || ZH_POS.has(word);
    const negv = EN_NEG.has(word) || ZH_NEG.has(word);
    const negated = negatedFor > 0 || zhNegated;
    if (pos) negated ? hits.negatedPositive++ : hits.positive++;
    if (negv) negated ? hits.negatedNegative++ : hits.negative++;
    if (NEGATORS_EN.has(t) || NEGATORS_ZH.includes(t)) negatedFor = 4;
    else if (negatedFor > 0) negatedFor--;
  }
  return hits;
}

/** Marker words appended to a text so a linear model can weigh lexicon evidence. */
export function lexiconMarkers(text: string): string {
  const h = lexiconHits(text);
  const out: string[] = [];
  const rep = (word: string, n: number) => {
    for (let i = 0; i < Math.min(n, 3); i++) out.push(word);
  };
  rep('zzlexpos', h.positive);
  rep('zzlexneg', h.negative + h.negatedPositive);
  rep('zzlexnegatedpos', h.negatedPositive);
  rep('zzlexnegatedneg', h.negatedNegative);
  rep('zzlexprofane', h.profanity);
  if (h.positive + h.negative + h.negatedPositive + h.negatedNegative === 0) out.push('zzlexnone');
  return out.join(' ');
}

/**
 * Words inside a negation scope (up to 3 words after "not", "never", "n't", 不, 没 ... until the
 * clause ends) as marker tokens, so "not worth it" and "worth it" get different features.
 */
export function negationMarkers(text: string): string {
  const out: string[] = [];
  let negatedFor = 0;
  for (const t of tokens(text).stems) {
    if (CLAUSE_END.test(t)) {
      negatedFor = 0;
      continue;
    }
    if (NEGATORS_EN.has(t) || NEGATORS_ZH.includes(t)) {
      negatedFor = 3;
      continue;
    }
    if (negatedFor > 0 && /^[a-z]+$/.test(t)) out.push(`zzneg${t}`);
    if (negatedFor > 0) negatedFor--;
  }
  return out.join(' ');
}

/** Lexicon-only polarity, used for Chinese and when no trained model is loaded. */
export function lexiconSentiment(text: string): Record<SentimentLabel, number> {
  const h = lexiconHits(text);
  const pos = h.positive + 0.5 * h.negatedNegative;
  const neg = h.negative + h.negatedPositive + h.profanity;
  const e = (x: number) => Math.exp(x);
  const raw = { negative: e(1.2 * neg - 0.6 * pos), neutral: e(0.6), positive: e(1.2 * pos - 0.6 * neg) };
  const z = raw.negative + raw.neutral + raw.positive;
  return { negative: raw.negative / z, neutral: raw.neutral / z, positive: raw.positive / z };
}

export interface FrustrationSignal {
  kind: 'repeated_question' | 'all_caps' | 'profanity' | 'human_request' | 'punctuation' | 'negative_sentiment';
  detail?: string;
}

export interface Frustration {
  /** 0..1 */
  score: number;
  level: 'none' | 'low' | 'medium' | 'high';
  signals: FrustrationSignal[];
}

function bigramSet(text: string): Set<string> {
  const s = normalizeText(text).replace(/[^\p{L}\p{N}]+/gu, ' ');
  const out = new Set<string>();
  for (let i = 0; i + 2 <= s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / Math.max(1, a.size + b.size - inter);
}

const WEIGHTS: Record<FrustrationSignal['kind'], number> = {
  human_request: 0.45,
  profanity: 0.45,
  repeated_question: 0.35,
  all_caps: 0.3,
  punctuation: 0.2,
  negative_sentiment: 0.2,
};

/**
 * Frustration of the latest customer message, given the customer's earlier messages in the
 * conversation (oldest first) and the negative probability from the sentiment model.
 */
export function detectFrustration(text: string, history: readonly string[] = [], negativeProbability = 0): Frustration {
  const signals: FrustrationSignal[] = [];
  const current = bigramSet(text);
  const repeated = current.size >= 4 && history.some((h) => jaccard(current, bigramSet(h)) >= 0.6);
  if (repeated) signals.push({ kind: 'repeated_question' });
  const letters = text.match(/\p{Lu}|\p{Ll}/gu) ?? [];
  const upper = letters.filter((c) => c !== c.toLowerCase()).length;
  if (letters.length >= 6 && upper / letters.length > 0.7) signals.push({ kind: 'all_caps' });
  if (lexiconHits(text).profanity > 0) signals.push({ kind: 'profanity' });
  const human = HUMAN_REQUEST_PATTERNS.find((re) => re.test(normalizeText(text)));
  if (human) signals.push({ kind: 'human_request' });
  const norm = text.normalize('NFKC');
  if (/[!?]{3,}|!!|\?\?/.test(norm) || (norm.match(/[!?]/g)?.length ?? 0) >= 4) signals.push({ kind: 'punctuation' });
  if (negativeProbability >= 0.6) signals.push({ kind: 'negative_sentiment' });
  const score = Math.min(
    1,
    signals.reduce((s, x) => s + WEIGHTS[x.kind], 0),
  );
  const level = score >= 0.6 ? 'high' : score >= 0.35 ? 'medium' : score > 0 ? 'low' : 'none';
  return { score: Math.round(score * 100) / 100, level, signals };
}
