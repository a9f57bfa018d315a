import { createHash } from 'node:crypto';

export interface CachedPage {
  html: string;
  etag: string;
  at: number;
}

/**
 * Rendered help-center pages in memory: least recently used out first, entries expire after
 * `ttlMs` (bounds staleness from changes no event announces, e.g. a category renamed, or a
 * publish on another node), and a workspace's pages are dropped when an article of it is
 * published or archived. Keys start with the workspace id so that drop is a prefix match.
 */
export class PageCache {
  private readonly entries = new Map<string, CachedPage>();

  constructor(
    private readonly maxEntries = 5_000,
    private readonly ttlMs = 5 * 60_000,
  ) {}

  get(key: string): CachedPage | null {
    const hit = this.entries.get(key);
    if (!hit) return null;
    this.entries.delete(key);
    if (Date.now() - hit.at > this.ttlMs) return null;
    this.entries.set(key, hit);
    return hit;
  }

  set(key: string, html: string): CachedPage {
    const page = { html, etag: `"${createHash('sha1').update(html).digest('base64url')}"`, at: Date.now() };
    this.entries.delete(key);
    this.entries.set(key, page);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return page;
  }

  dropWorkspace(workspaceId: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(`${workspaceId}|`)) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

export const cacheKey = (workspaceId: string, ...parts: (string | number | null)[]) => [workspaceId, ...parts].join('|');
