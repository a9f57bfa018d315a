import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../platform/db/client.js';
import { uuidv7 } from '../../platform/ids.js';
import { kbArticles, kbSearches, kbViews } from '../kb/kb.schema.js';

export interface ViewRecord {
  workspaceId: string;
  articleId: string;
  userId: string | null;
  visitorKey: string | null;
  source: string;
}

export interface SearchRecord {
  workspaceId: string;
  query: string;
  locale: string;
  resultCount: number;
  source: string;
  userId: string | null;
  visitorKey: string | null;
}

/** Lowercased, NFKC, single spaces: how searches are grouped in analytics. */
export function normalizeQuery(q: string): string {
  return q.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim().slice(0, 200);
}

const FLUSH_MS = 250;
const FLUSH_AT = 500;

/**
 * Article views and searches are analytics, not part of the answer: they are buffered and
 * written in batches after the response, so a page view or a search never waits on an insert.
 * A crash loses at most FLUSH_MS of them; `flush()` runs on shutdown (and in tests).
 */
export class ActivityRecorder {
  // `at`: when it happened, not when the batch is written (deflection compares it with ticket times).
  private views: (ViewRecord & { at: Date })[] = [];
  private searches: (SearchRecord & { at: Date })[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  view(record: ViewRecord): void {
    this.views.push({ ...record, at: new Date() });
    this.schedule();
  }

  search(record: SearchRecord): void {
    this.searches.push({ ...record, query: record.query.slice(0, 200), at: new Date() });
    this.schedule();
  }

  /** Writes everything buffered so far (and waits for a write already under way). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.running.then(() => this.write());
    await this.running;
  }

  private schedule(): void {
    if (this.views.length + this.searches.length >= FLUSH_AT) {
      void this.flush();
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  private async write(): Promise<void> {
    const views = this.views;
    const searches = this.searches;
    this.views = [];
    this.searches = [];
    try {
      if (views.length) await this.writeViews(views);
      if (searches.length) {
        await this.db.insert(kbSearches).values(
          searches.map((s) => ({
            id: uuidv7(),
            workspaceId: s.workspaceId,
            query: s.query,
            normalized: normalizeQuery(s.query),
            locale: s.locale,
            resultCount: s.resultCount,
            source: s.source,
            userId: s.userId,
            visitorKey: s.visitorKey,
            createdAt: s.at,
          })),
        );
      }
    } catch (err) {
      // Lost analytics must never turn into a failed request or a crashed process.
      this.log.warn({ err, views: views.length, searches: searches.length }, 'kb activity could not be recorded');
    }
  }

  private async writeViews(views: (ViewRecord & { at: Date })[]): Promise<void> {
    await this.db.insert(kbViews).values(views.map(({ at, ...v }) => ({ id: uuidv7(), ...v, createdAt: at })));
    const perArticle = new Map<string, number>();
    for (const v of views) perArticle.set(v.articleId, (perArticle.get(v.articleId) ?? 0) + 1);
    // One statement per batch; rows are locked in id order so concurrent batches cannot deadlock.
    const pairs = [...perArticle].sort(([a], [b]) => a.localeCompare(b));
    const values = sql.join(
      pairs.map(([id, n]) => sql`(${id}::uuid, ${n}::int)`),
      sql`, `,
    );
    await this.db.execute(
      sql`update ${kbArticles} set view_count = ${kbArticles.viewCount} + v.n from (values ${values}) as v(id, n) where ${kbArticles.id} = v.id`,
    );
  }
}
