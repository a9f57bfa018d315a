import type { SparseVector } from '../text/vectorizer.js';
import { createRng, shuffleInPlace } from '../util/random.js';
import type { LinearModel } from './linear.js';

export interface SvmOptions {
  /** inverse regularization strength, as in LinearSVC */
  C: number;
  maxPasses: number;
  /** stop when the projected-gradient spread falls below this (liblinear's eps) */
  tolerance: number;
  seed: number;
  /** scale C per example by n / (classes * n_class), so rare intents weigh as much as common ones */
  balanced: boolean;
}

export const DEFAULT_SVM_OPTIONS: SvmOptions = { C: 0.5, maxPasses: 30, tolerance: 0.1, seed: 7, balanced: false };

/**
 * One-vs-rest L2-regularized squared-hinge SVM trained by dual coordinate descent
 * (Hsieh et al., ICML 2008 - the liblinear solver behind LinearSVC). The bias is a
 * constant feature of value 1, as liblinear does.
 */
export function trainSvmOvr(
  X: readonly SparseVector[],
  y: Int32Array,
  numClasses: number,
  numFeatures: number,
  options: Partial<SvmOptions> = {},
): LinearModel {
  const opt = { ...DEFAULT_SVM_OPTIONS, ...options };
  const n = X.length;
  const C = numClasses;
  const diag = exampleDiagonal(y, numClasses, opt);
  const qii = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const vals = (X[i] as SparseVector).values;
    let s = 1; // bias feature
    for (let k = 0; k < vals.length; k++) s += (vals[k] as number) ** 2;
    qii[i] = s + (diag[i] as number);
  }
  const model: LinearModel = { numClasses: C, numFeatures, weights: new Float32Array(numFeatures * C), bias: new Float32Array(C) };
  const w = new Float64Array(numFeatures);
  const alpha = new Float64Array(n);
  const order = Array.from({ length: n }, (_, i) => i);
  const rng = createRng(opt.seed);
  for (let c = 0; c < C; c++) {
    w.fill(0);
    alpha.fill(0);
    let b = 0;
    for (let pass = 0; pass < opt.maxPasses; pass++) {
      shuffleInPlace(order, rng);
      let maxPg = -Infinity;
      let minPg = Infinity;
      for (const i of order) {
        const { indices, values } = X[i] as SparseVector;
        const yi = y[i] === c ? 1 : -1;
        let dot = b;
        for (let k = 0; k < indices.length; k++) dot += (values[k] as number) * (w[indices[k] as number] as number);
        const a = alpha[i] as number;
        const G = yi * dot - 1 + (diag[i] as number) * a;
        const pg = a === 0 ? Math.min(G, 0) : G;
        maxPg = Math.max(maxPg, pg);
        minPg = Math.min(minPg, pg);
        if (pg === 0) continue;
        const aNew = Math.max(a - G / (qii[i] as number), 0);
        const d = (aNew - a) * yi;
        if (d === 0) continue;
        alpha[i] = aNew;
        for (let k = 0; k < indices.length; k++) {
          const f = indices[k] as number;
          w[f] = (w[f] as number) + d * (values[k] as number);
        }
        b += d;
      }
      if (maxPg - minPg < opt.tolerance) break;
    }
    for (let f = 0; f < numFeatures; f++) model.weights[f * C + c] = w[f] as number;
    model.bias[c] = b;
  }
  return model;
}

/** Squared-hinge dual diagonal 1 / (2 C_i); C_i carries the optional class-balancing weight. */
function exampleDiagonal(y: Int32Array, numClasses: number, opt: SvmOptions): Float64Array {
  const counts = new Float64Array(numClasses);
  for (const c of y) counts[c] = (counts[c] as number) + 1;
  return Float64Array.from(y, (c) => {
    const weight = opt.balanced ? y.length / (numClasses * (counts[c] as number)) : 1;
    return 1 / (2 * opt.C * weight);
  });
}
