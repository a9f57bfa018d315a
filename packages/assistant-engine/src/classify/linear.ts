import type { SparseVector } from '../text/vectorizer.js';
import { createRng, shuffleInPlace } from '../util/random.js';

export type LinearLoss = 'softmax' | 'hinge';

export interface LinearTrainOptions {
  /** softmax = multinomial logistic regression; hinge = one-vs-rest squared-hinge linear SVM */
  loss: LinearLoss;
  epochs: number;
  learningRate: number;
  /** L2 penalty per example update */
  l2: number;
  seed: number;
  /** weight each example by n / (classes * n_class), so rare intents weigh as much as common ones */
  balanced: boolean;
}

export const DEFAULT_LINEAR_OPTIONS: LinearTrainOptions = {
  loss: 'softmax',
  epochs: 12,
  learningRate: 0.5,
  l2: 1e-6,
  seed: 7,
  balanced: false,
};

export interface LinearModel {
  numClasses: number;
  numFeatures: number;
  /** row-major [feature][class], so one example touches contiguous rows */
  weights: Float32Array;
  bias: Float32Array;
}

export function linearScores(model: LinearModel, x: SparseVector, out = new Float32Array(model.numClasses)): Float32Array {
  const C = model.numClasses;
  out.set(model.bias);
  const { indices, values } = x;
  for (let k = 0; k < indices.length; k++) {
    const f = indices[k] as number;
    if (f >= model.numFeatures) continue;
    const v = values[k] as number;
    const row = f * C;
    for (let c = 0; c < C; c++) out[c] = (out[c] as number) + v * (model.weights[row + c] as number);
  }
  return out;
}

export function softmaxInPlace(s: Float32Array | Float64Array, temperature = 1): void {
  let max = -Infinity;
  for (let c = 0; c < s.length; c++) max = Math.max(max, (s[c] as number) / temperature);
  let sum = 0;
  for (let c = 0; c < s.length; c++) {
    const e = Math.exp((s[c] as number) / temperature - max);
    s[c] = e;
    sum += e;
  }
  for (let c = 0; c < s.length; c++) s[c] = (s[c] as number) / sum;
}

/**
 * AdaGrad SGD over sparse examples. Gradient entries below 1e-6 are skipped, which makes
 * late epochs cheap once most classes are confidently wrong.
 */
export function trainLinear(
  X: readonly SparseVector[],
  y: Int32Array,
  numClasses: number,
  numFeatures: number,
  options: Partial<LinearTrainOptions> = {},
): LinearModel {
  const opt = { ...DEFAULT_LINEAR_OPTIONS, ...options };
  const C = numClasses;
  const model: LinearModel = { numClasses: C, numFeatures, weights: new Float32Array(numFeatures * C), bias: new Float32Array(C) };
  const gW = new Float32Array(numFeatures * C);
  const gB = new Float32Array(C);
  const s = new Float32Array(C);
  const grad = new Float32Array(C);
  const order = Array.from({ length: X.length }, (_, i) => i);
  const rng = createRng(opt.seed);
  const eps = 1e-8;
  const { learningRate: lr, l2 } = opt;
  const counts = new Float64Array(C);
  for (const c of y) counts[c] = (counts[c] as number) + 1;
  for (let epoch = 0; epoch < opt.epochs; epoch++) {
    shuffleInPlace(order, rng);
    for (const i of order) {
      const x = X[i] as SparseVector;
      const label = y[i] as number;
      const weight = opt.balanced ? X.length / (C * (counts[label] as number)) : 1;
      linearScores(model, x, s);
      if (opt.loss === 'softmax') {
        softmaxInPlace(s);
        for (let c = 0; c < C; c++) grad[c] = weight * ((s[c] as number) - (c === label ? 1 : 0));
      } else {
        for (let c = 0; c < C; c++) {
          const yc = c === label ? 1 : -1;
          const m = yc * (s[c] as number);
          grad[c] = m < 1 ? -2 * weight * yc * (1 - m) : 0;
        }
      }
      for (let c = 0; c < C; c++) {
        const g = grad[c] as number;
        if (g > -1e-6 && g < 1e-6) continue;
        gB[c] = (gB[c] as number) + g * g;
        model.bias[c] = (model.bias[c] as number) - (lr * g) / Math.sqrt((gB[c] as number) + eps);
      }
      const { indices, values } = x;
      for (let k = 0; k < indices.length; k++) {
        const row = (indices[k] as number) * C;
        const v = values[k] as number;
        for (let c = 0; c < C; c++) {
          const g0 = grad[c] as number;
          if (g0 > -1e-6 && g0 < 1e-6) continue;
          const j = row + c;
          const g = v * g0 + l2 * (model.weights[j] as number);
          const acc = (gW[j] as number) + g * g;
          gW[j] = acc;
          model.weights[j] = (model.weights[j] as number) - (lr * g) / Math.sqrt(acc + eps);
        }
      }
    }
  }
  return model;
}
