import { performance } from 'node:perf_hooks';
import { expectedCalibrationError } from '../classify/calibration.js';
import { IntentClassifier } from '../classify/classifier.js';
import { analyzeMessage } from '../message.js';
import { buildIndex } from '../retrieval/search-index.js';
import { SentimentAnalyzer } from '../sentiment/analyzer.js';
import { createRng, shuffleInPlace } from '../util/random.js';
import type { FaqRow, Labeled, QueryRow } from './datasets.js';
import { accuracy, macroF1, percentile, rankingMetrics } from './metrics.js';

export const SEED = 42;

export interface ResultRow {
  suite: string;
  metric: string;
  value: number;
  /** minimum acceptable value (or maximum, for latency) */
  target?: number;
  lowerIsBetter?: boolean;
  note?: string;
}

function ms(start: number): number {
  return Math.round(performance.now() - start);
}

/** Train on `train`, score top-1 accuracy / macro-F1 on in-scope test rows and OOS handling on `oos` rows. */
export function classificationSuite(suite: string, train: Labeled[], test: Labeled[], targets: { accuracy?: number } = {}) {
  const t0 = performance.now();
  const clf = IntentClassifier.train(train);
  const trainMs = ms(t0);
  const inScope = test.filter((r) => r.label !== 'oos');
  const oos = test.filter((r) => r.label === 'oos');
  const preds = inScope.map((r) => clf.predict(r.text));
  const top1 = preds.map((p) => p.ranked[0]?.label ?? '');
  const gold = inScope.map((r) => r.label);
  const rows: ResultRow[] = [
    { suite, metric: 'accuracy (top-1)', value: accuracy(top1, gold), ...(targets.accuracy ? { target: targets.accuracy } : {}) },
    { suite, metric: 'macro-F1', value: macroF1(top1, gold) },
    {
      suite,
      metric: 'ECE (calibrated top-1)',
      value: expectedCalibrationError(preds.map((p, i) => ({ confidence: p.confidence, correct: top1[i] === gold[i] }))),
      lowerIsBetter: true,
    },
    { suite, metric: 'train seconds', value: trainMs / 1000, lowerIsBetter: true, note: `${train.length} examples` },
  ];
  if (oos.length > 0) {
    const accepted = preds.map((p) => p.label ?? 'oos');
    rows.push({ suite, metric: 'in-scope accuracy (with rejection)', value: accuracy(accepted, gold) });
    rows.push({ suite, metric: 'OOS recall', value: oos.filter((r) => clf.predict(r.text).outOfScope).length / oos.length });
    rows.push({ suite, metric: 'OOS threshold (max prob)', value: clf.threshold });
  }
  return { rows, classifier: clf };
}

/** Hold back `held` whole intents from training; at test time they must be rejected as out of scope. */
export function oosSuite(suite: string, train: Labeled[], test: Labeled[], held = 10) {
  const labels = shuffleInPlace([...new Set(train.map((r) => r.label))].sort(), createRng(SEED));
  const heldOut = new Set(labels.slice(0, held));
  const clf = IntentClassifier.train(
    train.filter((r) => !heldOut.has(r.label)),
    { seed: SEED },
  );
  let inOk = 0;
  let inN = 0;
  let oosOk = 0;
  let oosN = 0;
  for (const r of test) {
    const p = clf.predict(r.text);
    if (heldOut.has(r.label)) {
      oosN++;
      if (p.outOfScope) oosOk++;
    } else {
      inN++;
      if (p.label === r.label) inOk++;
    }
  }
  const note = `held back: ${[...heldOut].join(', ')}`;
  return {
    rows: [
      { suite, metric: 'in-scope accuracy (rejection counts as error)', value: inOk / inN },
      { suite, metric: 'OOS recall (held-back intents rejected)', value: oosOk / oosN, note },
      { suite, metric: 'threshold (calibrated max prob)', value: clf.threshold, note: 'tuned on train-only dev + pseudo-OOS intents' },
      {
        suite,
        metric: 'dev in-scope acc / OOS recall at threshold',
        value: clf.calibration.devInScopeAccuracy,
        note: `dev OOS recall ${clf.calibration.devOosRecall.toFixed(3)}`,
      },
    ] satisfies ResultRow[],
  };
}

export function retrievalSuite(
  suite: string,
  faqs: FaqRow[],
  queries: QueryRow[],
  targets: { map?: number; hit5?: number } = {},
  /** StackFAQ only: the default ranker weights were tuned on its even-numbered threads */
  reportUntunedHalf = false,
) {
  const index = buildIndex(faqs.map((f) => ({ id: f.id, question: f.question, body: f.answer })));
  const relevant = new Map<string, Set<string>>();
  for (const f of faqs) relevant.set(f.group, (relevant.get(f.group) ?? new Set()).add(f.id));
  const run = (qs: QueryRow[], opts: Parameters<typeof index.search>[1]) =>
    rankingMetrics(
      qs.map((q) => ({
        ranked: index.search(q.query, { k: faqs.length, passages: 0, ...opts }).map((h) => h.id),
        relevant: relevant.get(q.group) ?? new Set(),
      })),
    );
  const full = run(queries, {});
  // ranker weights were tuned on even-numbered threads; odd ones are untouched by tuning
  const heldOut = queries.filter((q) => Number.parseInt(q.group.replace(/\D/g, ''), 10) % 2 === 1);
  const bm25 = run(queries, { weights: { bm25Head: 0, bm25Body: 0, bm25All: 1, cosHead: 0, cosBody: 0, groupBody: 0 }, diversity: 0 });
  const rows: ResultRow[] = [
    { suite, metric: 'MAP (all queries)', value: full.map, ...(targets.map ? { target: targets.map } : {}) },
    { suite, metric: 'hit@5 (all queries)', value: full.hit5, ...(targets.hit5 ? { target: targets.hit5 } : {}) },
    { suite, metric: 'MRR / P@1 (all queries)', value: full.mrr, note: `P@1 ${full.p1.toFixed(3)}` },
    { suite, metric: 'BM25 only (our analyzer): MAP', value: bm25.map, note: `hit@5 ${bm25.hit5.toFixed(3)}` },
  ];
  if (reportUntunedHalf && heldOut.length > 0 && heldOut.length < queries.length) {
    const b = run(heldOut, {});
    rows.push({
      suite,
      metric: 'MAP (threads not used for tuning)',
      value: b.map,
      note: `hit@5 ${b.hit5.toFixed(3)}, ${b.queries} queries`,
    });
  }
  return { rows };
}

export function sentimentSuite(suite: string, train: Labeled[], test: Labeled[], target?: number) {
  const t0 = performance.now();
  const analyzer = SentimentAnalyzer.train(train);
  const trainMs = ms(t0);
  const pred = test.map((r) => analyzer.analyze(r.text).label);
  const gold = test.map((r) => r.label);
  const lexPred = test.map((r) => SentimentAnalyzer.lexiconOnly().analyze(r.text).label);
  return {
    analyzer,
    rows: [
      { suite, metric: 'macro-F1 (hybrid model)', value: macroF1(pred, gold), ...(target ? { target } : {}) },
      { suite, metric: 'accuracy (hybrid model)', value: accuracy(pred, gold) },
      { suite, metric: 'macro-F1 (lexicon only)', value: macroF1(lexPred, gold) },
      { suite, metric: 'train seconds', value: trainMs / 1000, lowerIsBetter: true },
    ] satisfies ResultRow[],
  };
}

/** Per-message latency of the full analysis (language + intent + sentiment + entities). */
export function latencySuite(suite: string, clf: IntentClassifier, sentiment: SentimentAnalyzer, messages: string[], target?: number) {
  for (const m of messages.slice(0, 50)) analyzeMessage(m, { classifier: clf, sentiment }); // warm-up
  const times: number[] = [];
  for (const m of messages) {
    const t = performance.now();
    analyzeMessage(m, { classifier: clf, sentiment, history: ['where is my card?'] });
    times.push(performance.now() - t);
  }
  return {
    rows: [
      {
        suite,
        metric: 'p95 ms / message',
        value: percentile(times, 0.95),
        ...(target ? { target } : {}),
        lowerIsBetter: true,
        note: `${messages.length} messages`,
      },
      { suite, metric: 'p50 ms / message', value: percentile(times, 0.5), lowerIsBetter: true },
    ] satisfies ResultRow[],
  };
}
