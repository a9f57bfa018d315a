/**
 * How well clusterQuestions groups paraphrases, on labelled intent data sets: pairwise precision,
 * recall and F1 of "same cluster" vs "same intent" over a seeded sample (time order = shuffled).
 * The threshold is chosen on BANKING77 train / xSID zh valid; test files are only reported.
 *   npx tsx --conditions=source src/modules/assistant/insights/cluster-eval.ts [datasets dir]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv, parseCsvRecords } from '@switchboard/assistant-engine';
import { CLUSTER_THRESHOLDS, clusterQuestions } from './cluster.js';

const dir = process.argv[2] ?? path.resolve(process.cwd(), '../../../shared/datasets');

const log = (line: string) => process.stdout.write(`${line}\n`);
const THRESHOLDS = [0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4];
const SAMPLE = 1000;

function sample<T>(rows: T[], n: number, seed: number): T[] {
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const copy = [...rows];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, n);
}

function pairwise(rows: Array<{ text: string; label: string }>, threshold: number) {
  const items = rows.map((r, i) => ({ id: String(i), text: r.text }));
  const started = performance.now();
  const clusters = clusterQuestions(items, threshold);
  const ms = performance.now() - started;
  const clusterOf = new Map<string, number>();
  clusters.forEach((c, ci) => {
    for (const m of c.members) clusterOf.set(m.id, ci);
  });
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      const same = clusterOf.get(String(i)) === clusterOf.get(String(j));
      const truth = rows[i]?.label === rows[j]?.label;
      if (same && truth) tp++;
      else if (same) fp++;
      else if (truth) fn++;
    }
  }
  const p = tp / Math.max(1, tp + fp);
  const r = tp / Math.max(1, tp + fn);
  return { threshold, clusters: clusters.length, precision: p, recall: r, f1: (2 * p * r) / Math.max(1e-9, p + r), ms };
}

function report(name: string, choose: Array<{ text: string; label: string }>, test: Array<{ text: string; label: string }>, used: number) {
  const sweep = THRESHOLDS.map((t) => pairwise(choose, t));
  log(`\n${name}: choose on ${choose.length} (labels ${new Set(choose.map((r) => r.label)).size})`);
  for (const s of sweep) {
    log(
      `  t=${s.threshold.toFixed(2)} clusters=${s.clusters} P=${s.precision.toFixed(3)} R=${s.recall.toFixed(3)} F1=${s.f1.toFixed(3)} ${Math.round(s.ms)}ms`,
    );
  }
  const best = sweep.reduce((a, b) => (b.f1 > a.f1 ? b : a));
  const t = pairwise(test, best.threshold);
  log(
    `  test (${test.length}) at best t=${best.threshold}: clusters=${t.clusters} P=${t.precision.toFixed(3)} R=${t.recall.toFixed(3)} F1=${t.f1.toFixed(3)}`,
  );
  const u = pairwise(test, used);
  log(
    `  test (${test.length}) at used t=${used}: clusters=${u.clusters} P=${u.precision.toFixed(3)} R=${u.recall.toFixed(3)} F1=${u.f1.toFixed(3)}`,
  );
}

const banking = (file: string) =>
  parseCsvRecords(readFileSync(path.join(dir, 'banking77', file), 'utf8')).map((r) => ({ text: r.text ?? '', label: r.category ?? '' }));
report('BANKING77 (en)', sample(banking('train.csv'), SAMPLE, 1), sample(banking('test.csv'), SAMPLE, 2), CLUSTER_THRESHOLDS.en);

const xsid = (file: string) =>
  parseCsv(readFileSync(path.join(dir, 'xsid', file), 'utf8'), '\t')
    .filter((r) => r[0] === 'zh')
    .map((r) => ({ text: r[3] ?? '', label: r[2] ?? '' }));
report('xSID (zh)', sample(xsid('xsid07_valid.tsv'), SAMPLE, 1), sample(xsid('xsid07_test.tsv'), SAMPLE, 2), CLUSTER_THRESHOLDS['zh-CN']);

const big = sample(banking('train.csv'), 3000, 3);
const t0 = performance.now();
const n = clusterQuestions(
  big.map((r, i) => ({ id: String(i), text: r.text })),
  0.25,
).length;
log(`\ntiming: 3000 BANKING77 questions -> ${n} clusters in ${Math.round(performance.now() - t0)} ms (incl. vectorizing)`);
