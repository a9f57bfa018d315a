import { analyzeForSearch, charNgrams, normalizeText } from '@switchboard/assistant-engine';

/**
 * Grouping similar visitor questions. Features are the search analyzer's terms (stemmed English,
 * jieba Chinese, stopwords dropped) as word uni+bigrams, plus character n-grams of those terms
 * (2–4 latin, 1–2 Han, so 忘记密码 / 重置密码 share 密码 even when jieba cuts differently),
 * TF-IDF with sublinear tf over the questions being clustered, each block L2-normalized.
 *
 * Clustering is incremental in time order: each question joins the most similar cluster
 * centroid at cosine ≥ threshold, else starts a new one. A later question never moves an earlier
 * one, so a cluster keeps its first question (its key) as new questions arrive. (The idf is
 * refit on every call, so a borderline question can still change sides between calls; stored
 * actions are therefore matched by key or by overlapping question ids.)
 */

export interface ClusterInput {
  id: string;
  text: string;
}

export interface Cluster<T extends ClusterInput> {
  /** The first question's id. */
  key: string;
  members: T[];
  /** The member closest to the centroid. */
  representative: T;
}

/**
 * Cosine thresholds per language, chosen with cluster-eval.ts (pairwise F1 of "same cluster" vs
 * "same intent"; test files only reported). English: the best F1 on a BANKING77 train sample
 * (0.25: 0.302; test 0.306). Chinese: on xSID zh valid the F1 keeps rising as the threshold falls
 * (0.10: 0.281, 0.05: 0.310) because its 15 intents are whole domains, far coarser than one
 * article; 0.10 is kept so that short questions sharing one common word stay apart (test 0.322).
 */
export const CLUSTER_THRESHOLDS = { en: 0.25, 'zh-CN': 0.1 } as const;
export const DEFAULT_CLUSTER_THRESHOLD = CLUSTER_THRESHOLDS.en;
const WORD_WEIGHT = 0.5;
const CHAR_WEIGHT = 0.5;
const CANDIDATE_FEATURES = 12;

type Vec = Map<string, number>;

function features(text: string): { words: string[]; chars: string[] } {
  const terms = analyzeForSearch(text);
  const words = [...terms];
  for (let i = 0; i + 1 < terms.length; i++) words.push(`${terms[i]} ${terms[i + 1]}`);
  const chars: string[] = [];
  for (const t of terms) chars.push(...charNgrams(normalizeText(t), 2, 4, 2));
  return { words, chars };
}

function weigh(keys: string[], idf: Map<string, number>, scale: number, out: Vec, prefix: string) {
  const tf = new Map<string, number>();
  for (const k of keys) tf.set(k, (tf.get(k) ?? 0) + 1);
  let norm = 0;
  const block: Array<[string, number]> = [];
  for (const [k, c] of tf) {
    const v = (1 + Math.log(c)) * (idf.get(prefix + k) ?? 0);
    block.push([prefix + k, v]);
    norm += v * v;
  }
  if (norm === 0) return;
  const f = scale / Math.sqrt(norm);
  for (const [k, v] of block) out.set(k, v * f);
}

/** Unit TF-IDF vectors of the texts, with the idf learned from the texts themselves. */
export function vectorize(texts: readonly string[]): Vec[] {
  const feats = texts.map(features);
  const df = new Map<string, number>();
  for (const f of feats) {
    for (const k of new Set(f.words.map((w) => `w${w}`))) df.set(k, (df.get(k) ?? 0) + 1);
    for (const k of new Set(f.chars.map((c) => `c${c}`))) df.set(k, (df.get(k) ?? 0) + 1);
  }
  const n = texts.length;
  const idf = new Map<string, number>();
  for (const [k, c] of df) idf.set(k, Math.log((1 + n) / (1 + c)) + 1);
  return feats.map((f) => {
    const v: Vec = new Map();
    weigh(f.words, idf, WORD_WEIGHT, v, 'w');
    weigh(f.chars, idf, CHAR_WEIGHT, v, 'c');
    return normalize(v);
  });
}

function normalize(v: Vec): Vec {
  let s = 0;
  for (const x of v.values()) s += x * x;
  if (s === 0) return v;
  const f = 1 / Math.sqrt(s);
  for (const [k, x] of v) v.set(k, x * f);
  return v;
}

function dot(a: Vec, b: Vec): number {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [k, x] of small) s += x * (big.get(k) ?? 0);
  return s;
}

export function cosine(a: Vec, b: Vec): number {
  return dot(a, b);
}

/** `items` oldest first. */
export function clusterQuestions<T extends ClusterInput>(items: readonly T[], threshold: number = DEFAULT_CLUSTER_THRESHOLD): Cluster<T>[] {
  const vecs = vectorize(items.map((i) => i.text));
  // A centroid is kept as the sum of its members' unit vectors and that sum's squared norm.
  const groups: Array<{ members: number[]; sum: Vec; norm2: number }> = [];
  // Inverted index feature → clusters, so a question is compared only with clusters sharing a feature.
  const postings = new Map<string, Set<number>>();
  const similarity = (v: Vec, g: { sum: Vec; norm2: number }) => (g.norm2 > 0 ? dot(v, g.sum) / Math.sqrt(g.norm2) : 0);
  vecs.forEach((v, i) => {
    // Candidates come from the question's most specific features only: common character
    // n-grams would make every cluster a candidate (quadratic), and cannot carry a match alone.
    const candidates = new Set<number>();
    const specific = [...v.entries()].sort((a, b) => b[1] - a[1]).slice(0, CANDIDATE_FEATURES);
    for (const [k] of specific) for (const g of postings.get(k) ?? []) candidates.add(g);
    let best = -1;
    let bestScore = threshold;
    for (const g of candidates) {
      const score = similarity(v, groups[g] as (typeof groups)[number]);
      if (score >= bestScore) {
        bestScore = score;
        best = g;
      }
    }
    if (best < 0 || v.size === 0) {
      best = groups.length;
      groups.push({ members: [], sum: new Map(), norm2: 0 });
    }
    const group = groups[best] as (typeof groups)[number];
    group.members.push(i);
    for (const [k, x] of v) {
      const old = group.sum.get(k) ?? 0;
      group.sum.set(k, old + x);
      group.norm2 += (old + x) * (old + x) - old * old;
      const set = postings.get(k) ?? new Set<number>();
      set.add(best);
      postings.set(k, set);
    }
  });
  return groups.map((g) => {
    let rep = g.members[0] as number;
    let repScore = -1;
    for (const m of g.members) {
      const s = similarity(vecs[m] as Vec, g);
      if (s > repScore + 1e-9) {
        repScore = s;
        rep = m;
      }
    }
    const members = g.members.map((m) => items[m] as T);
    return { key: (members[0] as T).id, members, representative: items[rep] as T };
  });
}
