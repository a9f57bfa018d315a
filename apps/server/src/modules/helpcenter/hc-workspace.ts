import type { WorkspaceRow, WorkspacesService } from '../workspaces/index.js';

/**
 * Which workspace a help-center request means. Switchboard serves one workspace per host by
 * default, the same rule the SPA and the portal follow (GET /api/v1/auth/session): the
 * workspace created at setup (the primary one) unless the request names another with
 * `?workspace=<slug>`; every link the help center renders keeps that parameter. Signed-in users
 * do not switch workspaces by browsing: in another workspace's help center they are visitors.
 * Rows are cached briefly (branding changes are rare) and dropped on workspace.updated.
 */
const TTL_MS = 30_000;

export interface ResolvedWorkspace {
  row: WorkspaceRow;
  /** The slug to keep in links, or null for the primary workspace. */
  linkSlug: string | null;
}

export class HelpCenterWorkspaces {
  private readonly cache = new Map<string, { at: number; row: WorkspaceRow }>();

  constructor(private readonly workspaces: WorkspacesService) {}

  async resolve(slug: string | undefined): Promise<ResolvedWorkspace | null> {
    const primary = await this.cached('', () => this.workspaces.primary());
    if (!slug || slug === primary?.slug) return primary ? { row: primary, linkSlug: null } : null;
    const row = await this.cached(slug, () => this.workspaces.findBySlug(slug));
    return row ? { row, linkSlug: row.slug } : null;
  }

  async byId(id: string): Promise<WorkspaceRow | null> {
    return this.cached(`id:${id}`, () => this.workspaces.findById(id));
  }

  clear(): void {
    this.cache.clear();
  }

  private async cached(key: string, load: () => Promise<WorkspaceRow | null>): Promise<WorkspaceRow | null> {
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.row;
    const row = await load();
    if (this.cache.size > 1_000) this.cache.clear();
    // A miss is not cached: the workspace may be created a moment later (setup, tests).
    if (row) this.cache.set(key, { at: Date.now(), row });
    return row;
  }
}
