// Prints the gzipped size of what a host page downloads (loader.js) and of the whole chat UI
// (frame.html and every asset it ships), and exits 1 when either is over its budget.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const BUDGET = { loader: 15 * 1024, frame: 60 * 1024 };

const gz = (file) => gzipSync(fs.readFileSync(file), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

if (!fs.existsSync(path.join(dist, 'loader.js')) || !fs.existsSync(path.join(dist, 'frame.html'))) {
  console.error('apps/widget/dist is incomplete: run `npm run build -w @switchboard/widget` first.');
  process.exit(1);
}

const assets = fs
  .readdirSync(path.join(dist, 'assets'))
  .filter((f) => !f.endsWith('.map'))
  .map((f) => path.join('assets', f));
const frameFiles = ['frame.html', ...assets];
const rows = [
  { name: 'loader.js (host page)', files: ['loader.js'], budget: BUDGET.loader },
  { name: 'chat UI (frame.html + assets)', files: frameFiles, budget: BUDGET.frame },
];

let over = false;
for (const row of rows) {
  const raw = row.files.reduce((sum, f) => sum + fs.statSync(path.join(dist, f)).size, 0);
  const zipped = row.files.reduce((sum, f) => sum + gz(path.join(dist, f)), 0);
  const ok = zipped <= row.budget;
  over ||= !ok;
  console.log(`${ok ? 'ok  ' : 'OVER'} ${row.name}: ${kb(zipped)} gzipped (${kb(raw)} raw), budget ${kb(row.budget)}`);
  if (row.files.length > 1) for (const f of row.files) console.log(`       ${f}: ${kb(gz(path.join(dist, f)))}`);
}
process.exit(over ? 1 : 0);
