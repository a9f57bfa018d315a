/**
 * Model selection on BANKING77 *train* only: stratified 10% dev splits of train.csv, never the
 * test file. Trains the SVM and LR experts separately per configuration and scores the merged
 * model (a x SVM + LR) for several expert weights `a`, so one run compares many settings.
 *
 *   npx tsx --conditions=source src/eval/dev-sweep.ts [--splits 1,2] [--datasets DIR] [--variants name,name]
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type LinearModel, type LinearTrainOptions, linearScores, trainLinear } from '../classify/linear.js';
import { type SvmOptions, trainSvmOvr } from '../classify/svm.js';
import { type SparseVector, TfidfVectorizer, type VectorizerConfig } from '../text/vectorizer.js';
import { createRng, shuffleInPlace } from '../util/random.js';
import { type Labeled, loadBanking77 } from './datasets.js';

export interface Variant {
  name: string;
  vectorizer?: Partial<VectorizerConfig>;
  svm?: Partial<SvmOptions>;
  lr?: Partial<LinearTrainOptions>;
}

/** Settings compared; `base` is the shipped configuration. */
const VARIANTS: Variant[] = [
  { name: 'base' },
  { name: 'lr-epochs20', lr: { epochs: 20 } },
  { name: 'lr-epochs30', lr: { epochs: 30 } },
  { name: 'svm-C0.3', svm: { C: 0.3 } },
  { name: 'svm-C1', svm: { C: 1 } },
  { name: 'lr-rate1', lr: { learningRate: 1 } },
  { name: 'lr-l2-1e-5', lr: { l2: 1e-5 } },
  { name: 'char1-5', vectorizer: { charMin: 1 } },
  { name: 'char2-6', vectorizer: { charMax: 6 } },
  { name: 'word1-3', vectorizer: { wordNgrams: [1, 2, 3] } },
  { name: 'charW1.5', vectorizer: { charWeight: 1.5 } },
  { name: 'char3-5', vectorizer: { charMin: 3 } },
  { name: 'nostem', vectorizer: { stem: false } },
  { name: 'lr-rate0.25-e30', lr: { learningRate: 0.25, epochs: 30 } },
];

const WEIGHTS = [1, 2, 3, 5, 8, 13, Number.POSITIVE_INFINITY];

export function stratifiedSplit(rows: readonly Labeled[], seed: number, fraction = 0.1): { train: Labeled[]; dev: Labeled[] } {
  const rng = createRng(seed);
  const groups = new Map<string, Labeled[]>();
  for (const r of rows) groups.set(r.label, [...(groups.get(r.label) ?? []), r]);
  const train: Labeled[] = [];
  const dev: Labeled[] = [];
  for (const label of [...groups.keys()].sort()) {
    const shuffled = shuffleInPlace([...(groups.get(label) ?? [])], rng);
    const k = Math.max(1, Math.round(shuffled.length * fraction));
    dev.push(...shuffled.slice(0, k));
    train.push(...shuffled.slice(k));
  }
  return { train, dev };
}

function scoreAll(model: LinearModel, X: readonly SparseVector[]): Float32Array[] {
  return X.map((x) => linearScores(model, x));
}

function mergedAccuracy(svm: Float32Array[] | null, lr: Float32Array[] | null, a: number, gold: Int32Array): number {
  let ok = 0;
  for (let i = 0; i < gold.length; i++) {
    const s = svm?.[i];
    const l = lr?.[i];
    const C = (s ?? l)?.length ?? 0;
    let best = 0;
    let bestV = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < C; c++) {
      const v = a === Number.POSITIVE_INFINITY ? (s?.[c] ?? 0) : a * (s?.[c] ?? 0) + (l?.[c] ?? 0);
      if (v > bestV) {
        bestV = v;
        best = c;
      }
    }
    if (best === gold[i]) ok++;
  }
  return ok / gold.length;
}

function main(): void {
  const { values } = parseArgs({
    options: { splits: { type: 'string' }, datasets: { type: 'string' }, variants: { type: 'string' } },
  });
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
  const dir = values.datasets ?? resolve(repoRoot, '../shared/datasets');
  const splitSeeds = (values.splits ?? '1,2').split(',').map(Number);
  const wanted = values.variants ? new Set(values.variants.split(',')) : null;
  const variants = VARIANTS.filter((v) => !wanted || wanted.has(v.name));
  const { train: all } = loadBanking77(dir);
  const results = new Map<string, number[][]>(); // variant -> [split][weightIndex]
  // cache experts by their own settings so variants differing only in the other expert reuse them
  for (const seed of splitSeeds) {
    const { train, dev } = stratifiedSplit(all, seed);
    const labels = [...new Set(train.map((r) => r.label))].sort();
    const index = new Map(labels.map((l, i) => [l, i]));
    const yTrain = Int32Array.from(train, (r) => index.get(r.label) ?? 0);
    const yDev = Int32Array.from(dev, (r) => index.get(r.label) ?? 0);
    const featCache = new Map<string, { X: SparseVector[]; D: SparseVector[]; size: number }>();
    const svmCache = new Map<string, Float32Array[]>();
    const lrCache = new Map<string, Float32Array[]>();
    for (const v of variants) {
      const fKey = JSON.stringify(v.vectorizer ?? {});
      let feats = featCache.get(fKey);
      if (!feats) {
        const vec = new TfidfVectorizer(v.vectorizer).fit(train.map((r) => r.text));
        feats = { X: train.map((r) => vec.transform(r.text)), D: dev.map((r) => vec.transform(r.text)), size: vec.size };
        featCache.set(fKey, feats);
      }
      const sKey = `${fKey}|${JSON.stringify(v.svm ?? {})}`;
      let svm = svmCache.get(sKey);
      if (!svm) {
        const t = Date.now();
        svm = scoreAll(trainSvmOvr(feats.X, yTrain, labels.length, feats.size, { seed: 7, balanced: true, ...v.svm }), feats.D);
        svmCache.set(sKey, svm);
        process.stderr.write(`[sweep] split ${seed} ${v.name}: svm ${((Date.now() - t) / 1000).toFixed(0)} s\n`);
      }
      const lKey = `${fKey}|${JSON.stringify(v.lr ?? {})}`;
      let lr = lrCache.get(lKey);
      if (!lr) {
        const t = Date.now();
        lr = scoreAll(trainLinear(feats.X, yTrain, labels.length, feats.size, { seed: 7, balanced: true, ...v.lr }), feats.D);
        lrCache.set(lKey, lr);
        process.stderr.write(`[sweep] split ${seed} ${v.name}: lr ${((Date.now() - t) / 1000).toFixed(0)} s\n`);
      }
      const accs = WEIGHTS.map((a) => mergedAccuracy(svm, lr, a, yDev));
      const lrOnly = mergedAccuracy(null, lr, 0, yDev);
      const row = [...accs, lrOnly];
      results.set(v.name, [...(results.get(v.name) ?? []), row]);
      process.stdout.write(`split ${seed} ${v.name.padEnd(18)} ${row.map((x) => x.toFixed(4)).join(' ')}\n`);
    }
  }
  const head = [...WEIGHTS.map((a) => (a === Number.POSITIVE_INFINITY ? 'svm' : `a=${a}`)), 'lr'];
  process.stdout.write(`\nmean over splits ${splitSeeds.join(',')} (dev accuracy, merged a*SVM + LR)\n`);
  process.stdout.write(`${'variant'.padEnd(18)} ${head.map((h) => h.padStart(6)).join(' ')}\n`);
  for (const [name, rows] of results) {
    const mean = head.map((_, j) => rows.reduce((s, r) => s + (r[j] ?? 0), 0) / rows.length);
    process.stdout.write(`${name.padEnd(18)} ${mean.map((x) => x.toFixed(4)).join(' ')}\n`);
  }
}

main();
