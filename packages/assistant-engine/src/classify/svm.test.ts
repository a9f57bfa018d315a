import { describe, expect, it } from 'vitest';
import type { SparseVector } from '../text/vectorizer.js';
import { linearScores, trainLinear } from './linear.js';
import { trainSvmOvr } from './svm.js';

const vec = (pairs: [number, number][]): SparseVector => ({
  indices: Int32Array.from(pairs, (p) => p[0]),
  values: Float32Array.from(pairs, (p) => p[1]),
});

// 20 "common" and 2 "rare" examples that all look the same on feature 0; feature 1/2 are their own
const X = [...Array.from({ length: 20 }, () => vec([[0, 1]])), vec([[0, 1]]), vec([[0, 1]])];
const y = Int32Array.from([...new Array(20).fill(0), 1, 1]);
const ambiguous = vec([[0, 1]]);

function gap(model: ReturnType<typeof trainSvmOvr>): number {
  const s = linearScores(model, ambiguous);
  return (s[0] as number) - (s[1] as number);
}

describe('class-balanced training', () => {
  it('stops the SVM from siding with the common class on ambiguous input', () => {
    const plain = trainSvmOvr(X, y, 2, 1, { C: 1, balanced: false });
    const balanced = trainSvmOvr(X, y, 2, 1, { C: 1, balanced: true });
    expect(gap(plain)).toBeGreaterThan(0.5);
    expect(Math.abs(gap(balanced))).toBeLessThan(0.2);
  });

  it('does the same for logistic regression', () => {
    const plain = trainLinear(X, y, 2, 1, { epochs: 30, balanced: false });
    const balanced = trainLinear(X, y, 2, 1, { epochs: 30, balanced: true });
    expect(gap(plain)).toBeGreaterThan(1);
    expect(Math.abs(gap(balanced))).toBeLessThan(0.3);
  });
});
