export interface RankingMetrics {
  map: number;
  mrr: number;
  p1: number;
  hit5: number;
  queries: number;
}

/** MAP / MRR / P@1 / hit@5 over a full ranking per query (relevant = set of doc ids). */
export function rankingMetrics(runs: readonly { ranked: readonly string[]; relevant: ReadonlySet<string> }[]): RankingMetrics {
  let map = 0;
  let mrr = 0;
  let p1 = 0;
  let hit5 = 0;
  for (const { ranked, relevant } of runs) {
    let found = 0;
    let ap = 0;
    let first = 0;
    ranked.forEach((id, i) => {
      if (!relevant.has(id)) return;
      found++;
      ap += found / (i + 1);
      if (!first) first = i + 1;
    });
    map += relevant.size ? ap / relevant.size : 0;
    mrr += first ? 1 / first : 0;
    p1 += first === 1 ? 1 : 0;
    hit5 += first && first <= 5 ? 1 : 0;
  }
  const n = Math.max(1, runs.length);
  return { map: map / n, mrr: mrr / n, p1: p1 / n, hit5: hit5 / n, queries: runs.length };
}

export function accuracy(pred: readonly string[], gold: readonly string[]): number {
  let ok = 0;
  pred.forEach((p, i) => {
    if (p === gold[i]) ok++;
  });
  return ok / Math.max(1, gold.length);
}

export function macroF1(pred: readonly string[], gold: readonly string[]): number {
  const labels = [...new Set(gold)];
  let sum = 0;
  for (const l of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    pred.forEach((p, i) => {
      if (p === l && gold[i] === l) tp++;
      else if (p === l) fp++;
      else if (gold[i] === l) fn++;
    });
    sum += tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
  }
  return sum / Math.max(1, labels.length);
}

export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
}
