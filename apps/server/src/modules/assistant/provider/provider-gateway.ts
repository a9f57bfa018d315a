import type { ProviderOutcome, ProviderPurpose } from '@switchboard/contracts';
import type { Platform } from '../../../platform/platform.js';
import type { Masker } from './masking.js';
import { addUsage, findProvider, findUsage, insertCall, monthOf, type ProviderRow } from './provider.repo.js';
import { type ChatMessage, chatCompletion, type Usage } from './provider-client.js';
import { checkBaseUrl } from './provider-url.js';

export interface CallRefs {
  workspaceId: string;
  purpose: ProviderPurpose;
  ticketId?: string | null;
  sessionId?: string | null;
}

export type GatewayResult =
  | { ok: true; content: string; model: string; latencyMs: number; usage: Usage }
  /** `not_configured`: no enabled provider (nothing recorded); anything else was recorded as a call. */
  | { ok: false; outcome: Exclude<ProviderOutcome, 'ok'> | 'not_configured'; error: string | null; status: number | null };

interface CallBase {
  refs: CallRefs;
  row: ProviderRow;
  masked: Record<string, number>;
}

interface CallRecord {
  outcome: ProviderOutcome;
  error?: string | null;
  status?: number | null;
  latencyMs: number;
  usage?: Usage;
  model?: string;
}

const NO_USAGE: Usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };

/**
 * The only way out to a model provider: loads the workspace's provider, enforces the monthly
 * token budget, makes the call (already-masked messages only) and records it with its tokens,
 * latency and outcome — never the prompt, the answer or the key. `accept` lets the caller
 * classify an answer as a refusal, which is recorded as such.
 */
export class ProviderGateway {
  constructor(private readonly p: Platform) {}

  async enabledProvider(workspaceId: string): Promise<ProviderRow | null> {
    const row = await findProvider(this.p.db, workspaceId);
    return row?.enabled ? row : null;
  }

  async complete(
    refs: CallRefs,
    masker: Masker,
    messages: ChatMessage[],
    opts: { maxTokens: number; accept?: (content: string) => boolean; ignoreBudget?: boolean; provider?: ProviderRow },
  ): Promise<GatewayResult> {
    const row = opts.provider ?? (await this.enabledProvider(refs.workspaceId));
    if (!row) return { ok: false, outcome: 'not_configured', error: null, status: null };
    const base = { refs, row, masked: masker.summary() };
    const checked = checkBaseUrl(row.baseUrl, row.allowPrivateNetwork);
    if ('problem' in checked) return this.fail(base, { outcome: 'blocked_address', error: checked.problem, latencyMs: 0 });
    const month = monthOf(new Date());
    if (!opts.ignoreBudget && row.monthlyTokenBudget !== null) {
      const usage = await findUsage(this.p.db, refs.workspaceId, month);
      if (usage.tokens >= row.monthlyTokenBudget) {
        return this.fail(base, {
          outcome: 'budget_exhausted',
          error: `Monthly budget of ${row.monthlyTokenBudget} tokens used (${usage.tokens})`,
          latencyMs: 0,
        });
      }
    }
    const apiKey = row.apiKeyEnc ? this.p.secrets.decrypt(row.apiKeyEnc) : null;
    const started = performance.now();
    const res = await chatCompletion({
      baseUrl: checked.url,
      apiKey,
      model: row.model,
      messages,
      timeoutMs: row.timeoutMs,
      allowPrivateNetwork: row.allowPrivateNetwork,
      maxTokens: opts.maxTokens,
    });
    const latencyMs = Math.round(performance.now() - started);
    const scrub = (s: string) => (apiKey ? s.split(apiKey).join('***') : s);
    if (!res.ok) {
      return this.fail(base, { outcome: res.outcome, status: res.status, error: scrub(res.error), latencyMs, usage: res.usage });
    }
    const refused = opts.accept ? !opts.accept(res.content) : false;
    await this.record(base, { outcome: refused ? 'refused' : 'ok', status: res.status, latencyMs, usage: res.usage, model: res.model });
    if (refused) return { ok: false, outcome: 'refused', error: null, status: res.status };
    return { ok: true, content: res.content, model: res.model, latencyMs, usage: res.usage };
  }

  private async fail(base: CallBase, r: CallRecord & { outcome: Exclude<ProviderOutcome, 'ok' | 'refused'> }): Promise<GatewayResult> {
    await this.record(base, r);
    return { ok: false, outcome: r.outcome, error: r.error ?? null, status: r.status ?? null };
  }

  private async record(base: CallBase, r: CallRecord): Promise<void> {
    const usage = r.usage ?? NO_USAGE;
    const { refs } = base;
    const fallback = r.outcome !== 'ok' && r.outcome !== 'refused';
    await this.p.transaction(async (tx) => {
      await insertCall(tx, {
        workspaceId: refs.workspaceId,
        purpose: refs.purpose,
        ticketId: refs.ticketId ?? null,
        sessionId: refs.sessionId ?? null,
        model: r.model ?? base.row.model,
        outcome: r.outcome,
        httpStatus: r.status ?? null,
        promptTokens: usage.promptTokens,
        completionTokens: usage.completionTokens,
        totalTokens: usage.totalTokens,
        latencyMs: r.latencyMs,
        masked: base.masked,
        error: r.error ?? null,
      });
      await addUsage(tx, refs.workspaceId, monthOf(new Date()), { tokens: usage.totalTokens, calls: 1, fallbacks: fallback ? 1 : 0 });
    });
    if (fallback)
      this.p.log.warn({ workspaceId: refs.workspaceId, purpose: refs.purpose, outcome: r.outcome }, 'assistant provider call fell back');
  }
}

const gateways = new WeakMap<Platform, ProviderGateway>();

/** The gateway of one app instance (keyed by its platform: no process-wide state). */
export function providerGateway(p: Platform): ProviderGateway {
  let g = gateways.get(p);
  if (!g) {
    g = new ProviderGateway(p);
    gateways.set(p, g);
  }
  return g;
}
