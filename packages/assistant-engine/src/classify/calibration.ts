import { softmaxInPlace } from './linear.js';

/** Negative log-likelihood of the true labels under softmax(scores / T). */
function nll(scores: readonly Float32Array[], labels: readonly number[], temperature: number): number {
  let total = 0;
  for (let i = 0; i < scores.length; i++) {
    const p = Float64Array.from(scores[i] as Float32Array);
    softmaxInPlace(p, temperature);
    total -= Math.log(Math.max(p[labels[i] as number] as number, 1e-12));
  }
  return total / Math.max(1, scores.length);
}

/** Temperature scaling (Guo et al. 2017): golden-section search over log T on held-out scores. */
export function fitTemperature(scores: readonly Float32Array[], labels: readonly number[]): number {
  if (scores.length === 0) return 1;
  let lo = Math.log(0.01);
  let hi = Math.log(10);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = nll(scores, labels, Math.exp(a));
  let fb = nll(scores, labels, Math.exp(b));
  for (let it = 0; it < 40; it++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = nll(scores, labels, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = nll(scores, labels, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

export interface ThresholdChoice {
  threshold: number;
  inScopeAccuracy: number;
  oosRecall: number;
}

/**
 * Pick the max-probability threshold that maximizes the mean of in-scope accuracy (a rejected
 * in-scope message counts as wrong) and out-of-scope recall, on held-out data.
 */
export function chooseThreshold(
  inScope: readonly { confidence: number; correct: boolean }[],
  outOfScope: readonly number[],
): ThresholdChoice {
  const candidates = [0, ...inScope.map((x) => x.confidence), ...outOfScope].sort((a, b) => a - b);
  let best: ThresholdChoice = { threshold: 0, inScopeAccuracy: 0, oosRecall: 0 };
  let bestScore = -1;
  let bestHi = 0;
  let extending = false;
  const step = Math.max(1, Math.floor(candidates.length / 400));
  for (let i = 0; i < candidates.length; i += step) {
    // accept when confidence >= threshold; place threshold just above a candidate value
    const t = (candidates[i] as number) + 1e-9;
    const acc = inScope.filter((x) => x.correct && x.confidence >= t).length / Math.max(1, inScope.length);
    const rec = outOfScope.length ? outOfScope.filter((c) => c < t).length / outOfScope.length : 0;
    const score = outOfScope.length ? (acc + rec) / 2 : acc;
    if (score > bestScore + 1e-12) {
      bestScore = score;
      best = { threshold: t, inScopeAccuracy: acc, oosRecall: rec };
      bestHi = t;
      extending = true;
    } else if (extending && score > bestScore - 1e-12) {
      bestHi = t;
    } else {
      extending = false;
    }
  }
  // equally good thresholds form a plateau (common with little dev data): take its middle
  return { ...best, threshold: (best.threshold + bestHi) / 2 };
}

/** Expected calibration error with equal-width confidence bins. */
export function expectedCalibrationError(items: readonly { confidence: number; correct: boolean }[], bins = 10): number {
  const count = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const acc = new Array<number>(bins).fill(0);
  for (const it of items) {
    const b = Math.min(bins - 1, Math.floor(it.confidence * bins));
    count[b] = (count[b] ?? 0) + 1;
    conf[b] = (conf[b] ?? 0) + it.confidence;
    acc[b] = (acc[b] ?? 0) + (it.correct ? 1 : 0);
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const n = count[b] ?? 0;
    if (n) ece += (n / items.length) * Math.abs((acc[b] ?? 0) / n - (conf[b] ?? 0) / n);
  }
  return ece;
}
