import { AsyncLocalStorage } from 'node:async_hooks';

/** Callbacks to run when the current `platform.transaction` ends (commit or rollback). */
export const transactionEnd = new AsyncLocalStorage<Array<() => void>>();

interface Entry {
  expires: number;
  value: Promise<unknown>;
}

/** How long another node's configuration change may take to show here. */
export const CONFIG_TTL_MS = 5000;
const MAX_ENTRIES = 20_000;

/**
 * Workspace configuration that every write reads (a chat's channel, custom field definitions,
 * SLA policies), kept in memory for a few seconds so a chat line or a new ticket does not read
 * it again. This node's writes invalidate at once: from the write until its transaction ends
 * the key is read through and not stored, so nobody caches what may still roll back, and the
 * entry is dropped again when the transaction ends. Another node's writes show within
 * {@link CONFIG_TTL_MS}. Values are shared between callers: treat them as read-only.
 */
export class ConfigCache {
  private readonly entries = new Map<string, Entry>();
  /** Keys written by transactions still open; not stored until those end. */
  private readonly writing = new Map<string, number>();

  constructor(private readonly ttlMs = CONFIG_TTL_MS) {}

  get<T>(kind: string, id: string, load: () => Promise<T>): Promise<T> {
    const key = `${kind}:${id}`;
    if (this.writing.has(key)) return load();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value as Promise<T>;
    const value = load().then(freeze);
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const entry = { expires: now + this.ttlMs, value };
    this.entries.set(key, entry);
    // A failed load is not remembered.
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  /** Call where the configuration is written (inside its transaction, or after a plain write). */
  invalidate(kind: string, id: string): void {
    const key = `${kind}:${id}`;
    this.entries.delete(key);
    const onEnd = transactionEnd.getStore();
    if (!onEnd) return;
    this.writing.set(key, (this.writing.get(key) ?? 0) + 1);
    onEnd.push(() => {
      const left = (this.writing.get(key) ?? 1) - 1;
      if (left > 0) this.writing.set(key, left);
      else this.writing.delete(key);
      this.entries.delete(key);
    });
  }
}

/** Arrays and their rows are frozen: a caller sorting or editing a shared value fails loudly in tests. */
function freeze<T>(value: T): T {
  if (Array.isArray(value)) {
    for (const item of value) if (item && typeof item === 'object') Object.freeze(item);
    return Object.freeze(value);
  }
  return value && typeof value === 'object' ? Object.freeze(value) : value;
}
