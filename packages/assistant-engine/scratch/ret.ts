import { loadFaqCsv } from '../src/eval/datasets.js';
import { buildIndex } from '../src/retrieval/search-index.js';
import { rankingMetrics } from '../src/eval/metrics.js';
const { faqs, queries } = loadFaqCsv('/work/shared/datasets/stackfaq/faqs.csv', '/work/shared/datasets/stackfaq/queries.csv');
const idx = buildIndex(faqs.map(f => ({ id: f.id, question: f.question, body: f.answer })));
const groupOf = new Map(faqs.map(f => [f.id, f.group]));
const rel = new Map<string, Set<string>>(); for (const f of faqs) { if (!rel.has(f.group)) rel.set(f.group, new Set()); rel.get(f.group)!.add(f.id); }
const split = process.argv[3] ?? 'A';
const qs = queries.filter(q => split === 'all' || ((parseInt(q.group.slice(1)) % 2 === 0) === (split === 'A')));
for (const w of JSON.parse(process.argv[2] ?? '[{}]')) {
  const m = rankingMetrics(qs.map(q => ({ ranked: idx.search(q.query, { k: 1000, weights: w }).map(h => h.id), relevant: rel.get(q.group)! })));
  console.log(JSON.stringify(w), Object.fromEntries(Object.entries(m).map(([k, v]) => [k, +v.toFixed(4)])));
}
