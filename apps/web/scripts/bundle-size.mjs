// Gzipped JavaScript each area's first screen needs: the entry chunk, the area's lazy chunk and
// everything they import statically (lazy imports excluded), from Vite's build manifest.
// Usage: npm run build -w @switchboard/web && node apps/web/scripts/bundle-size.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8'));
const gz = (file) => zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length;

/** Manifest keys reachable through static imports. */
function closure(keys) {
  const seen = new Set();
  const todo = [...keys];
  while (todo.length) {
    const key = todo.pop();
    if (seen.has(key) || !manifest[key]) continue;
    seen.add(key);
    todo.push(...(manifest[key].imports ?? []));
  }
  return seen;
}
const bytes = (keys) => [...keys].reduce((sum, key) => sum + gz(manifest[key].file), 0);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
const base = closure([entry]);
const rows = [['entry (every page)', bytes(base), 0]];
const areas = {
  'agent inbox': 'src/features/inbox/pages.ts',
  'customer portal': 'src/features/portal/pages.ts',
  'admin console': 'src/features/admin/pages.ts',
  'knowledge base': 'src/features/kb/pages.ts',
};
for (const [name, key] of Object.entries(areas)) {
  if (!manifest[key]) continue;
  const all = closure([entry, key]);
  rows.push([name, bytes(all), bytes([...all].filter((k) => !base.has(k)))]);
}
// The rich-text editor is a lazy chunk of its own (plus what it shares with the KB editor).
const editorKey = 'src/features/inbox/RichEditor.tsx';
const editor = manifest[editorKey] ? [...closure([editorKey])].filter((k) => !closure([entry, 'src/features/inbox/pages.ts']).has(k)) : [];
console.log('first screen JS, gzipped (level 9):');
for (const [name, total, extra] of rows)
  console.log(`  ${name.padEnd(20)} ${kb(total).padStart(9)}${extra ? `  (+${kb(extra)} over the entry)` : ''}`);
if (editor.length)
  console.log(`  ${'rich-text editor'.padEnd(20)} ${kb(bytes(editor)).padStart(9)}  (lazy: loads with the first composer)`);
