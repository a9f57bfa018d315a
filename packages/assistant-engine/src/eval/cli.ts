import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadBanking77, loadBitext, loadDynasent, loadFaqCsv, loadLabeledCsv, loadXsid } from './datasets.js';
import { classificationSuite, latencySuite, oosSuite, type ResultRow, retrievalSuite, sentimentSuite } from './suites.js';

const HELP = `Usage: npm run eval:assistant -- [options]
  (no options)            standard suite on <repo>/../shared/datasets
  --datasets DIR          dataset folder for the standard suite
  --only a,b              subset: banking77,oos,stackfaq,xsid,dynasent,bitext,latency
  --train FILE --test FILE  score any text,label CSV (label "oos" = out of scope)
  --faqs FILE --queries FILE  retrieval in the StackFAQ CSV shape
  --json OUT              also write results as JSON`;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(v >= 100 ? 0 : 4);
}

function printTable(rows: ResultRow[]): void {
  const cells = rows.map((r) => {
    const pass = r.target === undefined ? '' : (r.lowerIsBetter ? r.value <= r.target : r.value >= r.target) ? 'PASS' : 'MISS';
    const target = r.target === undefined ? '' : `${r.lowerIsBetter ? '<=' : '>='} ${r.target}`;
    return [r.suite, r.metric, fmt(r.value), target, pass, r.note ?? ''];
  });
  const head = ['suite', 'metric', 'value', 'target', '', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) =>
    c
      .map((x, i) => x.padEnd(widths[i] ?? 0))
      .join(' | ')
      .trimEnd();
  process.stdout.write(`${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}\n${cells.map(line).join('\n')}\n`);
}

function log(msg: string): void {
  process.stderr.write(`[eval] ${msg}\n`);
}

function standardSuite(dir: string, only: Set<string> | null): ResultRow[] {
  const want = (name: string) => !only || only.has(name);
  const rows: ResultRow[] = [];
  const b77 = loadBanking77(dir);
  let b77Model = null;
  if (want('banking77') || want('latency')) {
    log('banking77: training on 10,003 examples');
    const r = classificationSuite('banking77', b77.train, b77.test, { accuracy: 0.92 });
    b77Model = r.classifier;
    if (want('banking77')) {
      rows.push(...r.rows);
      const json = JSON.stringify(r.classifier.toJSON());
      rows.push({ suite: 'banking77', metric: 'model JSON MB', value: json.length / 1e6, lowerIsBetter: true });
    }
  }
  if (want('oos')) {
    log('banking77 OOS: holding back 10 intents');
    rows.push(...oosSuite('banking77-oos', b77.train, b77.test).rows);
  }
  if (want('stackfaq')) {
    log('stackfaq retrieval');
    const { faqs, queries } = loadFaqCsv(join(dir, 'stackfaq/faqs.csv'), join(dir, 'stackfaq/queries.csv'));
    rows.push(...retrievalSuite('stackfaq', faqs, queries, { map: 0.7, hit5: 0.92 }, true).rows);
  }
  if (want('xsid')) {
    log('xSID zh: train on zh valid, test on zh test');
    const x = loadXsid(dir, 'zh');
    rows.push(...classificationSuite('xsid-zh', x.train, x.test, { accuracy: 0.9 }).rows.filter((r) => r.metric !== 'train seconds'));
  }
  let sentiment = null;
  if (want('dynasent') || want('latency')) {
    log('DynaSent R1: train on r1 dev, test on r1 test');
    const d = loadDynasent(dir, 1);
    const r = sentimentSuite('dynasent-r1', d.train, d.test, 0.65);
    sentiment = r.analyzer;
    if (want('dynasent')) rows.push(...r.rows);
  }
  if (want('bitext')) {
    log('bitext smoke test');
    const b = loadBitext(dir);
    rows.push(
      ...classificationSuite('bitext', b.train, b.test).rows.filter((r) => r.metric.startsWith('accuracy') || r.metric === 'macro-F1'),
    );
  }
  if (want('latency') && b77Model && sentiment) {
    log('latency');
    const zh = loadXsid(dir, 'zh').test.map((r) => r.text);
    const messages = [...b77.test.map((r) => r.text).slice(0, 1500), ...zh];
    rows.push(...latencySuite('latency', b77Model, sentiment, messages, 20).rows);
  }
  return rows;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      datasets: { type: 'string' },
      train: { type: 'string' },
      test: { type: 'string' },
      faqs: { type: 'string' },
      queries: { type: 'string' },
      json: { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  // npm runs workspace scripts inside the package; paths given by the user are relative to where npm was invoked
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const abs = (p: string) => resolve(cwd, p);
  const rows: ResultRow[] = [];
  if (values.train || values.test) {
    if (!values.train || !values.test) throw new Error('--train and --test go together');
    rows.push(...classificationSuite('custom', loadLabeledCsv(abs(values.train)), loadLabeledCsv(abs(values.test))).rows);
  }
  if (values.faqs || values.queries) {
    if (!values.faqs || !values.queries) throw new Error('--faqs and --queries go together');
    const { faqs, queries } = loadFaqCsv(abs(values.faqs), abs(values.queries));
    rows.push(...retrievalSuite('custom-faq', faqs, queries).rows);
  }
  if (rows.length === 0) {
    const dir = values.datasets ? abs(values.datasets) : resolve(repoRoot, '../shared/datasets');
    log(`datasets: ${dir}`);
    rows.push(...standardSuite(dir, values.only ? new Set(values.only.split(',')) : null));
  }
  printTable(rows);
  if (values.json) {
    writeFileSync(abs(values.json), `${JSON.stringify({ seed: 42, date: new Date().toISOString(), results: rows }, null, 2)}\n`);
    log(`wrote ${abs(values.json)}`);
  }
}

main();
