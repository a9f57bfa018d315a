import { loadBanking77 } from '../src/eval/datasets.js';
import { TfidfVectorizer } from '../src/text/vectorizer.js';
import { trainLinear, linearScores } from '../src/classify/linear.js';
const dir = '/work/shared/datasets';
const { train, test } = loadBanking77(dir);
const labels = [...new Set(train.map(r => r.label))].sort();
const li = new Map(labels.map((l, i) => [l, i]));
const cfgs: any[] = JSON.parse(process.argv[2] ?? '[{}]');
for (const c of cfgs) {
  let t0 = Date.now();
  const vec = new TfidfVectorizer(c.vec ?? {}).fit(train.map(r => r.text));
  const X = train.map(r => vec.transform(r.text));
  const y = Int32Array.from(train.map(r => li.get(r.label)!));
  const t1 = Date.now();
  const m = trainLinear(X, y, labels.length, vec.size, c.lin ?? {});
  const t2 = Date.now();
  let ok = 0;
  for (const r of test) { const s = linearScores(m, vec.transform(r.text)); let b = 0; for (let k = 1; k < s.length; k++) if (s[k]! > s[b]!) b = k; if (labels[b] === r.label) ok++; }
  console.log(JSON.stringify(c), 'feat', vec.size, 'vec', t1 - t0, 'ms train', t2 - t1, 'ms acc', (ok / test.length).toFixed(4));
}
