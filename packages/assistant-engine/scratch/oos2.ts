import { loadBanking77 } from '../src/eval/datasets.js';
import { IntentClassifier } from '../src/classify/classifier.js';
import { chooseThreshold } from '../src/classify/calibration.js';
import { softmaxInPlace } from '../src/classify/linear.js';
import { createRng, shuffleInPlace } from '../src/util/random.js';
const { train: all } = loadBanking77('/work/shared/datasets');
// everything inside train: hold 10 classes as OOS, 10% dev of the rest
const rng = createRng(5);
const labels = shuffleInPlace([...new Set(all.map(r => r.label))].sort(), rng);
const held = new Set(labels.slice(0, 10));
const inS = all.filter(r => !held.has(r.label)); shuffleInPlace(inS, rng);
const dev = inS.slice(0, 800), tr = inS.slice(800), oos = all.filter(r => held.has(r.label));
const clf = IntentClassifier.train(tr);
const feats = (text: string) => { const s = clf.scores(text); const p = Float64Array.from(s); softmaxInPlace(p, clf.temperature); const so = [...s].sort((a, b) => b - a); const po = [...p].sort((a, b) => b - a); let bi = 0; for (let i = 1; i < s.length; i++) if (s[i]! > s[bi]!) bi = i; return { label: clf.labels[bi], maxS: so[0]!, marginS: so[0]! - so[1]!, maxP: po[0]!, marginP: po[0]! - po[1]! }; };
const D = dev.map(r => ({ r, f: feats(r.text) })), O = oos.map(r => feats(r.text));
for (const key of ['maxS', 'marginS', 'maxP', 'marginP', 'mix'] as const) {
  const g = (f: any) => key === 'mix' ? f.maxS + f.marginS : f[key];
  const ch = chooseThreshold(D.map(d => ({ confidence: g(d.f), correct: d.f.label === d.r.label })), O.map(g));
  console.log(key, ch);
}
