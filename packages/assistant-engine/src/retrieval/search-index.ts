import { normalizeText } from '../text/normalize.js';
import { CHINESE_STOPWORDS, ENGLISH_STOPWORDS } from '../text/stopwords.js';
import { tokenizeNormalized } from '../text/tokenize.js';
import { type SparseVector, TfidfVectorizer } from '../text/vectorizer.js';
import { Bm25Field } from './bm25.js';

export interface KbDocument {
  id: string;
  title?: string;
  question?: string;
  body: string;
  lang?: string;
}

export interface SearchHit {
  id: string;
  score: number;
  passage?: string;
}

/**
 * Weights of the re-ranking features. Each BM25 score is divided by the query's best score so
 * the weights mean the same for every query; cosines are TF-IDF word+char n-gram cosines.
 */
export interface RankerWeights {
  bm25Head: number;
  bm25Body: number;
  bm25All: number;
  cosHead: number;
  cosBody: number;
  /** best body score among documents sharing this document's title/question */
  groupBody: number;
}

/** Tuned on StackFAQ threads with an even id (split A); reported on the odd ones (split B). */
export const DEFAULT_RANKER_WEIGHTS: RankerWeights = {
  bm25Head: 0.5,
  bm25Body: 0.25,
  bm25All: 1.5,
  cosHead: 3,
  cosBody: 0.25,
  groupBody: 1,
};

/** Penalty per already-shown document of the same group in the first ranks (MMR-style). */
export const DEFAULT_DIVERSITY = 0.2;
const DIVERSIFY_TOP = 5;

export interface SearchOptions {
  k?: number;
  weights?: Partial<RankerWeights>;
  /** 0 disables group diversification of the first ranks */
  diversity?: number;
  /** hits that get a quoted passage (the rest carry only id and score); default 10 */
  passages?: number;
}

const KEEP = /[\p{L}\p{N}]/u;

/** Analyzer shared by index and query: stemmed English, jieba Chinese, stopwords dropped. */
export function analyzeForSearch(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenizeNormalized(normalizeText(text))) {
    if (!KEEP.test(t.text) || ENGLISH_STOPWORDS.has(t.text) || CHINESE_STOPWORDS.has(t.text)) continue;
    out.push(t.term);
  }
  return out;
}

function termCounts(terms: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/** Inverted index over sparse vectors so a query cosine touches only shared features. */
class CosineIndex {
  private lists = new Map<number, { docs: number[]; vals: number[] }>();
  constructor(vectors: readonly SparseVector[]) {
    vectors.forEach((v, d) => {
      for (let k = 0; k < v.indices.length; k++) {
        const f = v.indices[k] as number;
        let l = this.lists.get(f);
        if (!l) {
          l = { docs: [], vals: [] };
          this.lists.set(f, l);
        }
        l.docs.push(d);
        l.vals.push(v.values[k] as number);
      }
    });
  }
  scoreInto(q: SparseVector, out: Float64Array): void {
    for (let k = 0; k < q.indices.length; k++) {
      const l = this.lists.get(q.indices[k] as number);
      if (!l) continue;
      const qv = q.values[k] as number;
      for (let i = 0; i < l.docs.length; i++) {
        const d = l.docs[i] as number;
        out[d] = (out[d] as number) + qv * (l.vals[i] as number);
      }
    }
  }
}

function scaleToMax(a: Float64Array): Float64Array {
  let max = 0;
  for (const v of a) max = Math.max(max, v);
  if (max > 0) for (let i = 0; i < a.length; i++) a[i] = (a[i] as number) / max;
  return a;
}

export class SearchIndex {
  private readonly head: Bm25Field;
  private readonly body: Bm25Field;
  private readonly all: Bm25Field;
  private readonly vectorizer: TfidfVectorizer;
  private readonly cosHead: CosineIndex;
  private readonly cosBody: CosineIndex;
  /** documents sharing a normalized title/question, e.g. several answers to one FAQ */
  private readonly groupOf: Int32Array;
  private readonly numGroups: number;

  constructor(
    private readonly docs: readonly KbDocument[],
    private readonly weights: RankerWeights = DEFAULT_RANKER_WEIGHTS,
  ) {
    const heads = docs.map((d) => [d.title, d.question].filter(Boolean).join(' \n '));
    const headTerms = heads.map(analyzeForSearch);
    const bodyTerms = docs.map((d) => analyzeForSearch(d.body));
    this.head = new Bm25Field(headTerms);
    this.body = new Bm25Field(bodyTerms);
    this.all = new Bm25Field(headTerms.map((h, i) => [...h, ...(bodyTerms[i] ?? [])]));
    this.vectorizer = new TfidfVectorizer({ charMin: 3, charMax: 5 }).fit([...heads, ...docs.map((d) => d.body)]);
    this.cosHead = new CosineIndex(heads.map((h) => this.vectorizer.transform(h)));
    this.cosBody = new CosineIndex(docs.map((d) => this.vectorizer.transform(d.body)));
    const groupIds = new Map<string, number>();
    this.groupOf = Int32Array.from(heads, (h, i) => {
      const key = normalizeText(h) || `\u0000${i}`;
      if (!groupIds.has(key)) groupIds.set(key, groupIds.size);
      return groupIds.get(key) as number;
    });
    this.numGroups = groupIds.size;
  }

  get size(): number {
    return this.docs.length;
  }

  /** Per-document ranking features for one query (exposed for weight tuning in the eval). */
  features(query: string): Record<keyof RankerWeights, Float64Array> {
    const n = this.docs.length;
    const q = termCounts(analyzeForSearch(query));
    const head = new Float64Array(n);
    const body = new Float64Array(n);
    const all = new Float64Array(n);
    this.head.scoreInto(q, head);
    this.body.scoreInto(q, body);
    this.all.scoreInto(q, all);
    scaleToMax(head);
    scaleToMax(body);
    scaleToMax(all);
    const qv = this.vectorizer.transform(query);
    const ch = new Float64Array(n);
    const cb = new Float64Array(n);
    this.cosHead.scoreInto(qv, ch);
    this.cosBody.scoreInto(qv, cb);
    const groupBest = new Float64Array(this.numGroups);
    for (let d = 0; d < n; d++) {
      const g = this.groupOf[d] as number;
      groupBest[g] = Math.max(groupBest[g] as number, (body[d] as number) + (cb[d] as number));
    }
    const group = Float64Array.from(this.groupOf, (g) => groupBest[g] as number);
    return { bm25Head: head, bm25Body: body, bm25All: all, cosHead: ch, cosBody: cb, groupBody: group };
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const w = { ...this.weights, ...options.weights };
    const n = this.docs.length;
    const f = this.features(query);
    const keys = Object.keys(f) as (keyof RankerWeights)[];
    const scored: { d: number; s: number }[] = [];
    for (let d = 0; d < n; d++) {
      let s = 0;
      for (const key of keys) s += w[key] * (f[key][d] as number);
      if (s > 0) scored.push({ d, s });
    }
    scored.sort((a, b) => b.s - a.s || a.d - b.d);
    this.diversify(scored, options.diversity ?? DEFAULT_DIVERSITY);
    const terms = new Set(analyzeForSearch(query));
    // passage picking re-analyzes the body, so only pay for it on hits someone will read
    const withPassage = options.passages ?? 10;
    return scored.slice(0, options.k ?? 10).map(({ d, s }, rank) => {
      const doc = this.docs[d] as KbDocument;
      return rank < withPassage ? { id: doc.id, score: s, passage: bestPassage(doc.body, terms) } : { id: doc.id, score: s };
    });
  }

  /**
   * Several answers to one FAQ share its question, so they tie and can fill the first page;
   * greedily re-pick the first ranks with a penalty per already-picked sibling.
   */
  private diversify(scored: { d: number; s: number }[], penalty: number): void {
    if (penalty <= 0) return;
    const pool = scored.splice(0, Math.min(scored.length, 60));
    const picked: { d: number; s: number }[] = [];
    const seen = new Map<number, number>();
    while (picked.length < DIVERSIFY_TOP && pool.length > 0) {
      let bestIdx = 0;
      let bestVal = -Infinity;
      pool.forEach((x, i) => {
        const v = x.s - penalty * (seen.get(this.groupOf[x.d] as number) ?? 0);
        if (v > bestVal) {
          bestVal = v;
          bestIdx = i;
        }
      });
      const [x] = pool.splice(bestIdx, 1);
      if (!x) break;
      picked.push(x);
      const g = this.groupOf[x.d] as number;
      seen.set(g, (seen.get(g) ?? 0) + 1);
    }
    scored.unshift(...picked, ...pool);
  }
}

/** The body sentence window (up to ~300 chars) sharing the most query terms. */
export function bestPassage(body: string, queryTerms: ReadonlySet<string>, maxChars = 300): string {
  if (body.length <= maxChars) return body.trim();
  const sentences = body.split(/(?<=[.!?。！？\n])\s*/u).filter((s) => s.trim() !== '');
  let best = 0;
  let bestScore = -1;
  for (let i = 0; i < sentences.length; i++) {
    const score = analyzeForSearch(sentences[i] as string).filter((t) => queryTerms.has(t)).length;
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  let passage = sentences[best] as string;
  for (let j = best + 1; j < sentences.length && passage.length + (sentences[j] as string).length < maxChars; j++) {
    passage += ` ${sentences[j]}`;
  }
  return passage.length > maxChars ? `${passage.slice(0, maxChars - 1)}…` : passage.trim();
}

export function buildIndex(docs: readonly KbDocument[], weights: Partial<RankerWeights> = {}): SearchIndex {
  return new SearchIndex(docs, { ...DEFAULT_RANKER_WEIGHTS, ...weights });
}
