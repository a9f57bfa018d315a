/**
 * Knowledge-base benchmark (issue 6): seeds N published articles (English and Chinese, some as
 * translation pairs, in categories and sections) straight into a fresh database with the app's
 * own schema and search analyzer, starts the app in this process on a real port, then measures
 * sequential requests (what one reader waits for):
 *   - KB search: GET /api/v1/kb/search, English and Chinese words, prefixes, typos, language fallback
 *   - autocomplete: GET /api/v1/kb/suggest
 *   - help-center article page time to first byte: cached (repeat visits) and first visits
 *   npm run kb -w @switchboard/bench -- [--driver pglite|pg|both] [--articles 20000] [--samples 300] [--json] [--keep]
 * PGlite by default; PostgreSQL too when DATABASE_URL (an admin URL; a throwaway database is made) is set.
 * --keep leaves the seeded database (PostgreSQL) or data directory (PGlite) in place, for EXPLAIN.
 * The client shares the event loop with the server, so figures include a little client time.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { buildApp } from '../apps/server/src/app.js';
import { fillSlots, pickFrom, rng, TOPICS } from '../apps/server/src/cli/support-texts.js';
import { recordSearchWords } from '../apps/server/src/modules/kb/kb.repo.js';
import { kbArticles, kbCategories } from '../apps/server/src/modules/kb/kb.schema.js';
import { articleSearchVector } from '../apps/server/src/modules/kb/kb-search-document.js';
import { SYSTEM } from '../apps/server/src/platform/auth/actor.js';
import { loadConfig } from '../apps/server/src/platform/config.js';
import { uuidv7 } from '../apps/server/src/platform/ids.js';
import { machine, positiveInt, printTable, round2 } from './common.js';
import { createPgDatabase, type Driver, rssMiB } from './server.js';

interface Options {
  drivers: Driver[];
  articles: number;
  samples: number;
  pgUrl: string | undefined;
  json: boolean;
  keep: boolean;
}

interface Row {
  driver: Driver;
  scenario: string;
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  target: number | null;
  errors: number;
  emptyAnswers: number;
}

const say = (line: string) => process.stderr.write(`${line}\n`);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      driver: { type: 'string' },
      articles: { type: 'string', default: '20000' },
      samples: { type: 'string', default: '300' },
      'pg-url': { type: 'string', default: process.env.DATABASE_URL },
      json: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const pgUrl = values['pg-url'];
  const driver = values.driver ?? (pgUrl ? 'both' : 'pglite');
  const drivers: Record<string, Driver[]> = { pglite: ['pglite'], pg: ['postgres'], postgres: ['postgres'], both: ['pglite', 'postgres'] };
  const chosen = drivers[driver];
  if (!chosen) throw new Error(`--driver must be pglite, pg or both (got ${driver})`);
  if (chosen.includes('postgres') && !pgUrl) throw new Error('PostgreSQL needs DATABASE_URL or --pg-url');
  return {
    drivers: chosen,
    articles: positiveInt('articles', values.articles),
    samples: positiveInt('samples', values.samples),
    pgUrl,
    json: values.json,
    keep: values.keep,
  };
}

type App = Awaited<ReturnType<typeof buildApp>>;

/** An article body: a few answers and questions of one topic, filled with orders, products and amounts. */
function articleText(rand: () => number, lang: 'en' | 'zh', topic: (typeof TOPICS)[number]): { title: string; text: string } {
  const t = topic[lang];
  const title = fillSlots(pickFrom(rand, t.subjects), lang, rand);
  const parts = [...t.replies, ...t.openings, ...t.notes].map((s) => fillSlots(s, lang, rand));
  const text = Array.from({ length: 4 + Math.floor(rand() * 5) }, () => pickFrom(rand, parts)).join(lang === 'zh' ? '' : '\n\n');
  return { title, text };
}

/** Categories (one per topic) with sections, then articles in batches; about a third are EN+ZH translation pairs. */
async function seed(app: App, workspaceId: string, n: number): Promise<string[]> {
  const db = app.platform.db;
  const rand = rng(42);
  const sections: string[] = [];
  for (const [i, topic] of TOPICS.entries()) {
    const categoryId = uuidv7();
    await db
      .insert(kbCategories)
      .values({ id: categoryId, workspaceId, slug: `cat-${topic.tag}`, names: { en: topic.tag, 'zh-CN': topic.tag }, position: i });
    for (let s = 0; s < 4; s++) {
      const id = uuidv7();
      sections.push(id);
      await db
        .insert(kbCategories)
        .values({ id, workspaceId, parentId: categoryId, slug: `sec-${topic.tag}-${s}`, names: { en: `${topic.tag} ${s}` }, position: s });
    }
  }
  const ids: string[] = [];
  let batch: (typeof kbArticles.$inferInsert)[] = [];
  const flush = async () => {
    if (batch.length) await db.insert(kbArticles).values(batch);
    batch = [];
  };
  for (let i = 0; i < n; i++) {
    const topic = pickFrom(rand, TOPICS);
    const pair = i + 1 < n && rand() < 0.33;
    const groupId = uuidv7();
    const sectionId = pickFrom(rand, sections);
    for (const lang of pair ? (['en', 'zh'] as const) : [rand() < 0.6 ? ('en' as const) : ('zh' as const)]) {
      const { title, text } = articleText(rand, lang, topic);
      const id = lang === 'en' || !pair ? groupId : uuidv7();
      const html = text
        .split('\n\n')
        .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
        .join('');
      ids.push(id);
      batch.push({
        id,
        workspaceId,
        groupId,
        locale: lang === 'en' ? 'en' : 'zh-CN',
        sectionId,
        slug: `a-${i}-${lang}`,
        title,
        bodyHtml: html,
        bodyText: text,
        tags: [topic.tag],
        status: 'published',
        publishedVersion: 1,
        publishedTitle: title,
        publishedHtml: html,
        publishedText: text,
        publishedAt: new Date(),
        searchVector: articleSearchVector({ title, text, tags: [topic.tag] }),
        viewCount: Math.floor(rand() * 1000),
      });
    }
    if (pair) i++;
    if (batch.length >= 400) await flush();
    if (i % 5000 === 0 && i) say(`  ... ${i} articles`);
  }
  await flush();
  // The typo-correction dictionary, as publishing fills it.
  await recordSearchWords(db, { workspaceId });
  return ids;
}

const enc = (words: string[], extra = '') => words.map((w) => `q=${encodeURIComponent(w)}${extra}`);
/** Search scenarios, each a set of query strings taken in turn. */
const SEARCHES: [string, string[]][] = [
  [
    'search: English words',
    enc(['refund ', 'delivery ', 'password ', 'invoice ', 'order tracking ', 'money back ', 'carrier delay ', 'warehouse '], '&locale=en'),
  ],
  ['search: Chinese words', enc(['退款', '快递', '发票', '物流信息', '密码', '订单'], '&locale=zh-CN')],
  ['search: prefix while typing', enc(['refu', 'deliv', 'passw', '退'])],
  ['search: typo (word correction)', enc(['refnud ', 'pasword ', 'delivry '], '&locale=en')],
  ['search: fallback language', enc(['refund warehouse ', 'money back '], '&locale=zh-CN')],
];
const SUGGESTS = ['ref', 'Where', 'pack', '退', '订单', 'Tra'].map((q) => `q=${encodeURIComponent(q)}`);

/** Sequential requests; time to first byte (fetch resolves once the headers are in), then the body is read. */
async function measure(urls: string[], samples: number, check: (status: number, body: string) => boolean, warmup = Math.min(20, samples)) {
  const times: number[] = [];
  let errors = 0;
  let empty = 0;
  for (let i = 0; i < warmup + samples; i++) {
    const url = urls[i % urls.length] as string;
    const started = performance.now();
    const res = await fetch(url, { headers: { cookie: 'sb_vid=bench-visitor-0123456789', 'accept-language': 'en' }, redirect: 'manual' });
    const ttfb = performance.now() - started;
    const body = await res.text();
    if (res.status >= 400) {
      if (errors++ < 3) say(`    ! ${res.status} ${url} ${body.slice(0, 200)}`);
      continue;
    }
    if (!check(res.status, body)) empty++;
    if (i >= warmup) times.push(ttfb);
  }
  times.sort((a, b) => a - b);
  return { times, errors, empty };
}

function row(driver: Driver, scenario: string, target: number | null, r: Awaited<ReturnType<typeof measure>>): Row {
  return {
    driver,
    scenario,
    samples: r.times.length,
    p50: round2(percentile(r.times, 50)),
    p95: round2(percentile(r.times, 95)),
    p99: round2(percentile(r.times, 99)),
    target,
    errors: r.errors,
    emptyAnswers: r.empty,
  };
}

async function benchDriver(
  driver: Driver,
  o: Options,
): Promise<{ rows: Row[]; seedSeconds: number; articles: number; rssMiB: number | null }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-kb-'));
  const pg = driver === 'postgres' ? await createPgDatabase(o.pgUrl as string) : null;
  const config = loadConfig({
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    SECRET_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    ...(pg ? { DATABASE_URL: pg.url } : {}),
  });
  const app = await buildApp(config, { workers: false });
  try {
    const ws = await app.services.workspaces.create({ actor: SYSTEM, log: app.server.log }, { name: 'Bench', slug: 'bench' });
    say(`[${driver}] seeding ${o.articles} articles ...`);
    const started = performance.now();
    const ids = await seed(app, ws.id, o.articles);
    // Planner statistics, as a live database has them (the tickets benchmark's seed does the same).
    await app.platform.db.execute(sql`analyze kb_articles, kb_categories`);
    const seedSeconds = round2((performance.now() - started) / 1000);
    say(`[${driver}] seeded ${ids.length} article rows in ${seedSeconds} s`);
    const address = await app.server.listen({ port: 0, host: '127.0.0.1' });
    const rows: Row[] = [];
    const hasItems = (_: number, body: string) => !body.includes('"items":[]');
    const all: number[] = [];
    for (const [name, queries] of SEARCHES) {
      say(`[${driver}] ${name}`);
      const r = await measure(
        queries.map((q) => `${address}/api/v1/kb/search?${q}`),
        o.samples,
        hasItems,
      );
      all.push(...r.times);
      rows.push(row(driver, name, 30, r));
    }
    rows.push(row(driver, 'search: all of the above', 30, { times: all.sort((x, y) => x - y), errors: 0, empty: 0 }));
    say(`[${driver}] suggest`);
    rows.push(
      row(
        driver,
        'autocomplete',
        null,
        await measure(
          SUGGESTS.map((q) => `${address}/api/v1/kb/suggest?${q}`),
          o.samples,
          hasItems,
        ),
      ),
    );
    const rand = rng(7);
    const pages = Array.from({ length: 50 }, () => pickFrom(rand, ids));
    const pageUrls = pages.map((id) => `${address}/hc/en/articles/${id}`);
    // Article URLs without the slug redirect to the canonical one: resolve those first.
    const canonical: string[] = [];
    for (const url of pageUrls) {
      const res = await fetch(url, { redirect: 'manual' });
      canonical.push(`${address}${res.headers.get('location') ?? ''}`);
    }
    say(`[${driver}] article pages`);
    const fresh = Array.from({ length: Math.min(o.samples, 200) + 20 }, () => pickFrom(rand, ids));
    const firstVisits: string[] = [];
    for (const id of fresh) {
      const res = await fetch(`${address}/hc/en/articles/${id}`, { redirect: 'manual' });
      firstVisits.push(`${address}${res.headers.get('location') ?? ''}`);
    }
    app.services.helpcenter.pages.cache.clear();
    rows.push(
      row(driver, 'article page TTFB, first visit (uncached)', null, await measure(firstVisits, firstVisits.length - 20, () => true)),
    );
    // Warm-up visits every page once, so "cached" measures only cache hits.
    rows.push(row(driver, 'article page TTFB, cached', 20, await measure(canonical, o.samples, () => true, canonical.length)));
    await app.services.helpcenter.flushActivity();
    return { rows, seedSeconds, articles: ids.length, rssMiB: rssMiB(process.pid) };
  } finally {
    await app.server.close();
    if (o.keep) say(`[${driver}] kept: ${pg ? pg.url : dataDir}`);
    else {
      await pg?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

async function main(): Promise<void> {
  const o = parseOptions();
  const load = os.loadavg()[0] ?? 0;
  if (load > os.availableParallelism() * 0.5) say(`warning: 1-minute load average is ${load.toFixed(1)}; results will be noisy`);
  const results = [];
  for (const driver of o.drivers) results.push({ driver, ...(await benchDriver(driver, o)) });
  const report = { date: new Date().toISOString(), machine: machine(), options: { ...o, pgUrl: undefined }, results };
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `kb-${report.date.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  const rows = results.flatMap((r) => r.rows);
  if (o.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else {
    for (const r of results)
      process.stdout.write(`\n[${r.driver}] ${r.articles} article rows, seeded in ${r.seedSeconds} s; RSS ${r.rssMiB ?? 'n/a'} MiB`);
    printTable(
      ['driver', 'scenario', 'samples', 'p50 ms', 'p95 ms', 'p99 ms', 'target p95', 'errors', 'empty'],
      rows.map((r) =>
        [
          r.driver,
          r.scenario,
          r.samples,
          r.p50,
          r.p95,
          r.p99,
          r.target === null ? '-' : `≤ ${r.target} ${r.p95 <= r.target ? 'ok' : 'MISSED'}`,
          r.errors,
          r.emptyAnswers,
        ].map(String),
      ),
      2,
    );
    const m = machine();
    process.stdout.write(`\n${m.cpu}, ${m.nproc} CPUs, ${m.memoryGiB} GiB, Node ${m.node}, load ${m.loadAverage1m}\nResults: ${file}\n`);
  }
  if (rows.some((r) => r.errors > 0)) {
    say('Some requests failed: these numbers are not valid.');
    process.exitCode = 1;
  }
}

await main();
