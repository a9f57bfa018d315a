import { loadBanking77 } from '../src/eval/datasets.js';
import { IntentClassifier } from '../src/classify/classifier.js';
import { createRng, shuffleInPlace } from '../src/util/random.js';
const { train, test } = loadBanking77('/work/shared/datasets');
const labels = shuffleInPlace([...new Set(train.map(r => r.label))].sort(), createRng(42));
const held = new Set(labels.slice(0, 10));
let t = Date.now();
const clf = IntentClassifier.train(train.filter(r => !held.has(r.label)));
console.log('train ms', Date.now() - t, clf.calibration);
let inOk = 0, inN = 0, oosOk = 0, oosN = 0;
for (const r of test) { const p = clf.predict(r.text); if (held.has(r.label)) { oosN++; if (p.outOfScope) oosOk++; } else { inN++; if (p.label === r.label) inOk++; } }
console.log({ inAcc: inOk / inN, oosRecall: oosOk / oosN });
const s = JSON.stringify(clf.toJSON()); console.log('json MB', s.length / 1e6);
