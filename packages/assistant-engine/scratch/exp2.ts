import { loadBanking77 } from '../src/eval/datasets.js';
import { TfidfVectorizer } from '../src/text/vectorizer.js';
import { trainLinear, linearScores } from '../src/classify/linear.js';
import { trainSvmOvr } from '../src/classify/svm.js';
import { createRng, shuffleInPlace } from '../src/util/random.js';
const { train: all, test: realTest } = loadBanking77('/work/shared/datasets');
const useTest = process.env.TEST === '1';
// stratified 10% dev split of train
const rng = createRng(1); const byL = new Map<string, typeof all>();
for (const r of all) { if (!byL.has(r.label)) byL.set(r.label, []); byL.get(r.label)!.push(r); }
const train: typeof all = [], dev: typeof all = [];
for (const rows of byL.values()) { shuffleInPlace(rows, rng); const k = Math.round(rows.length * 0.1); dev.push(...rows.slice(0, k)); train.push(...rows.slice(k)); }
const tr = useTest ? all : train, te = useTest ? realTest : dev;
const labels = [...new Set(all.map(r => r.label))].sort();
const li = new Map(labels.map((l, i) => [l, i]));
const cfgs: any[] = JSON.parse(process.argv[2] ?? '[{}]');
for (const c of cfgs) {
  let t0 = Date.now();
  const vec = new TfidfVectorizer(c.vec ?? {}).fit(tr.map(r => r.text));
  const X = tr.map(r => vec.transform(r.text));
  const y = Int32Array.from(tr.map(r => li.get(r.label)!));
  const t1 = Date.now();
  const m = c.svm ? trainSvmOvr(X, y, labels.length, vec.size, c.svm) : trainLinear(X, y, labels.length, vec.size, c.lin ?? {});
  const t2 = Date.now();
  let ok = 0;
  for (const r of te) { const s = linearScores(m, vec.transform(r.text)); let b = 0; for (let k = 1; k < s.length; k++) if (s[k]! > s[b]!) b = k; if (labels[b] === r.label) ok++; }
  console.log(JSON.stringify(c), 'feat', vec.size, 'vec', t1 - t0, 'ms train', t2 - t1, 'ms acc', (ok / te.length).toFixed(4));
}
