import type { Identify, VisitorSession } from '@switchboard/contracts';

/** The visitor token kept in the frame origin's localStorage, one per channel key. */
export interface StoredVisitor {
  token: string;
  expiresAt: string;
}

export function visitorStorage(storage: Storage | null, publicKey: string) {
  const key = `sb.visitor.${publicKey}`;
  return {
    load(): StoredVisitor | null {
      try {
        const value = JSON.parse(storage?.getItem(key) ?? 'null') as Partial<StoredVisitor> | null;
        if (!value || typeof value.token !== 'string' || typeof value.expiresAt !== 'string') return null;
        return Date.parse(value.expiresAt) > Date.now() ? { token: value.token, expiresAt: value.expiresAt } : null;
      } catch {
        return null;
      }
    },
    save(value: StoredVisitor): void {
      try {
        storage?.setItem(key, JSON.stringify(value));
      } catch {
        // Storage full or blocked (private mode, third-party storage off): the chat still works for this page view.
      }
    },
    clear(): void {
      try {
        storage?.removeItem(key);
      } catch {
        // As above.
      }
    },
  };
}

interface VisitorApi {
  createVisitor(body: { visitorToken?: string; identify?: Identify; locale?: string }): Promise<VisitorSession>;
  refreshVisitor(): Promise<VisitorSession>;
  identify(body: Identify): Promise<VisitorSession>;
}

/**
 * The visitor's signed token: created on first need (not on every page view), resumed from
 * storage, re-issued when the host site identifies its user, refreshed before it expires.
 */
export class VisitorAuth {
  private stored: StoredVisitor | null;
  private identity: Identify | null = null;
  /** The host-site user the current token was issued for. */
  private identifiedAs: string | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly storage: ReturnType<typeof visitorStorage>;

  constructor(
    private readonly api: () => VisitorApi,
    storage: Storage | null,
    publicKey: string,
  ) {
    this.storage = visitorStorage(storage, publicKey);
    this.stored = this.storage.load();
  }

  token = (): string | null => this.stored?.token ?? null;

  /** Whether there is anything to resume (a stored token or a host-site identity). */
  known(): boolean {
    return !!this.stored || !!this.identity;
  }

  async ensure(locale: string): Promise<void> {
    const fresh = this.stored && Date.parse(this.stored.expiresAt) > Date.now() + 5000;
    if (fresh && (!this.identity || this.identifiedAs === this.identity.userId)) return;
    this.save(
      await this.api().createVisitor({
        ...(this.stored ? { visitorToken: this.stored.token } : {}),
        ...(this.identity ? { identify: this.identity } : {}),
        locale,
      }),
    );
  }

  /** Remembers the host-site user; with a token already issued, asks for one carrying the identity. Returns whether the token changed. */
  async identify(identity: Identify | null): Promise<boolean> {
    this.identity = identity;
    if (!identity || !this.stored || this.identifiedAs === identity.userId) return false;
    this.save(await this.api().identify(identity));
    return true;
  }

  clear(): void {
    this.stored = null;
    this.identifiedAs = null;
    clearTimeout(this.refreshTimer);
    this.storage.clear();
  }

  private save(v: VisitorSession): void {
    this.stored = { token: v.visitorToken, expiresAt: v.expiresAt };
    this.identifiedAs = v.visitor.identified ? (this.identity?.userId ?? null) : null;
    this.storage.save(this.stored);
    clearTimeout(this.refreshTimer);
    // Refresh a minute before expiry so a long-lived page keeps a valid token without a reload.
    const wait = Math.min(Date.parse(v.expiresAt) - Date.now() - 60_000, 2 ** 31 - 1);
    if (wait > 0)
      this.refreshTimer = setTimeout(
        () =>
          void this.api()
            .refreshVisitor()
            .then(
              (s) => this.save(s),
              () => {},
            ),
        wait,
      );
  }
}
