import type {
  ProviderCall,
  ProviderCallsQuerySchema,
  ProviderSettings,
  ProviderSettingsBody,
  ProviderTestResult,
  TranslateResult,
} from '@switchboard/contracts';
import type { z } from 'zod';
import type { Ctx } from '../../../platform/context.js';
import { AppError, conflict, forbidden } from '../../../platform/errors.js';
import { recordAudit } from '../../audit/index.js';
import { requirePermission } from '../../identity/index.js';
import { loadVisible, viewerFor } from '../../tickets/index.js';
import type { AssistantCore } from '../assistant.core.js';
import { draftReply } from './draft-reply.js';
import { Masker } from './masking.js';
import { translatePrompt } from './prompts.js';
import { findCalls, findProvider, findUsage, monthOf, type ProviderCallRow, type ProviderRow, upsertProvider } from './provider.repo.js';
import { providerGateway } from './provider-gateway.js';
import { checkBaseUrl } from './provider-url.js';
import { findTicketMessage } from './ticket-text.js';

const DEFAULT_TIMEOUT_MS = 8000;
const MAX_TRANSLATE_CHARS = 8000;

export const providerUnavailable = (why = 'No model provider is configured for this workspace') =>
  conflict('assistant.provider_unavailable', why);

const providerFailed = (outcome: string, error: string | null) =>
  new AppError('assistant.provider_failed', 503, `The model provider failed (${outcome})${error ? `: ${error}` : ''}`);

function presentCall(c: ProviderCallRow): ProviderCall {
  return {
    id: c.id,
    purpose: c.purpose as ProviderCall['purpose'],
    ticketId: c.ticketId,
    sessionId: c.sessionId,
    model: c.model,
    outcome: c.outcome as ProviderCall['outcome'],
    httpStatus: c.httpStatus,
    promptTokens: c.promptTokens,
    completionTokens: c.completionTokens,
    totalTokens: c.totalTokens,
    latencyMs: c.latencyMs,
    masked: c.masked,
    error: c.error,
    createdAt: c.createdAt.toISOString(),
  };
}

/** Admin API of the model provider, reply drafts and translation. */
export function providerService(core: AssistantCore) {
  const { p } = core;
  const gateway = providerGateway(p);

  async function present(workspaceId: string, row: ProviderRow | null): Promise<ProviderSettings> {
    const usage = await findUsage(p.db, workspaceId, monthOf(new Date()));
    const budget = row?.monthlyTokenBudget ?? null;
    return {
      configured: row !== null,
      enabled: row?.enabled ?? false,
      baseUrl: row?.baseUrl ?? null,
      model: row?.model ?? null,
      hasApiKey: !!row?.apiKeyEnc,
      timeoutMs: row?.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      monthlyTokenBudget: budget,
      allowPrivateNetwork: row?.allowPrivateNetwork ?? false,
      updatedAt: row?.updatedAt.toISOString() ?? null,
      usage: {
        month: usage.month,
        tokens: usage.tokens,
        calls: usage.calls,
        fallbacks: usage.fallbacks,
        budgetExhausted: budget !== null && usage.tokens >= budget,
      },
    };
  }

  /** Staff who may act on the ticket (404 when they may not see it). */
  async function visibleTicket(ctx: Ctx, permission: 'ticket.reply' | 'ticket.read', ticketId: string) {
    const actor = requirePermission(ctx.actor, permission);
    if (actor.kind !== 'agent') throw forbidden();
    const ticket = await loadVisible(core.tickets.core, p.db, await viewerFor(core.tickets.core, ctx), ticketId);
    return { actor, ticket };
  }

  return {
    async get(ctx: Ctx): Promise<ProviderSettings> {
      const actor = requirePermission(ctx.actor, 'admin.settings');
      return present(actor.workspaceId, await findProvider(p.db, actor.workspaceId));
    },

    async put(ctx: Ctx, body: ProviderSettingsBody): Promise<ProviderSettings> {
      const actor = requirePermission(ctx.actor, 'admin.settings');
      const checked = checkBaseUrl(body.baseUrl, body.allowPrivateNetwork);
      if ('problem' in checked) {
        throw new AppError('assistant.provider_url_invalid', 400, checked.problem, {
          errors: [{ path: 'baseUrl', message: checked.problem, code: 'invalid' }],
        });
      }
      const before = await findProvider(p.db, actor.workspaceId);
      // A stored key only ever goes to the address it was entered for.
      const moved = before?.apiKeyEnc && new URL(before.baseUrl).origin !== checked.url.origin;
      if (moved && body.apiKey === undefined) {
        throw new AppError('validation.failed', 400, 'Enter the API key again when changing the provider address', {
          errors: [{ path: 'apiKey', message: 'Required when the base URL moves to another host', code: 'required' }],
        });
      }
      const apiKeyEnc =
        body.apiKey === undefined ? (before?.apiKeyEnc ?? null) : body.apiKey === null ? null : p.secrets.encrypt(body.apiKey);
      const row = await p.transaction(async (tx) => {
        const saved = await upsertProvider(tx, {
          workspaceId: actor.workspaceId,
          enabled: body.enabled,
          baseUrl: checked.url.toString().replace(/\/$/, ''),
          model: body.model,
          apiKeyEnc,
          timeoutMs: body.timeoutMs,
          monthlyTokenBudget: body.monthlyTokenBudget,
          allowPrivateNetwork: body.allowPrivateNetwork,
        });
        const { apiKey, ...rest } = body;
        const key = apiKey === undefined ? 'kept' : apiKey === null ? 'removed' : 'set';
        await recordAudit(tx, ctx, {
          workspaceId: actor.workspaceId,
          action: 'assistant.provider_updated',
          data: { ...rest, apiKey: key },
        });
        return saved;
      });
      return present(actor.workspaceId, row);
    },

    /** A tiny completion with the saved settings (enabled or not, budget not applied). */
    async test(ctx: Ctx): Promise<ProviderTestResult> {
      const actor = requirePermission(ctx.actor, 'admin.settings');
      const row = await findProvider(p.db, actor.workspaceId);
      if (!row) throw providerUnavailable();
      const messages = [
        { role: 'system' as const, content: 'You are a connectivity check. Reply with the single word OK.' },
        { role: 'user' as const, content: 'OK?' },
      ];
      const res = await gateway.complete({ workspaceId: actor.workspaceId, purpose: 'test' }, new Masker(), messages, {
        maxTokens: 5,
        provider: row,
        ignoreBudget: true,
      });
      if (!res.ok) throw providerFailed(res.outcome, res.error);
      return { ok: true, model: res.model, latencyMs: res.latencyMs, totalTokens: res.usage.totalTokens };
    },

    async calls(ctx: Ctx, q: z.infer<typeof ProviderCallsQuerySchema>): Promise<ProviderCall[]> {
      const actor = requirePermission(ctx.actor, 'admin.settings');
      return (await findCalls(p.db, actor.workspaceId, q)).map(presentCall);
    },

    async draftReply(ctx: Ctx, ticketId: string) {
      const { ticket } = await visibleTicket(ctx, 'ticket.reply', ticketId);
      return draftReply(core, ticket);
    },

    /** A message of the ticket in another language; needs the provider (409 without one). */
    async translate(ctx: Ctx, ticketId: string, body: { messageId: string; targetLocale: string }): Promise<TranslateResult> {
      const { actor, ticket } = await visibleTicket(ctx, 'ticket.read', ticketId);
      const message = await findTicketMessage(p.db, actor.workspaceId, ticket.id, body.messageId);
      const provider = await gateway.enabledProvider(actor.workspaceId);
      if (!provider) throw providerUnavailable();
      const masker = new Masker();
      const text = masker.mask(message.bodyText.slice(0, MAX_TRANSLATE_CHARS));
      const res = await gateway.complete(
        { workspaceId: actor.workspaceId, purpose: 'translate', ticketId: ticket.id },
        masker,
        translatePrompt(text, body.targetLocale),
        { maxTokens: 2000, provider, accept: (content) => content.trim() !== '' },
      );
      if (!res.ok) {
        if (res.outcome === 'budget_exhausted') throw providerUnavailable('The model provider’s monthly token budget is used up');
        throw providerFailed(res.outcome, res.error);
      }
      // The agent may read the original message, personal data included.
      return { messageId: message.id, targetLocale: body.targetLocale, text: masker.restore(res.content.trim()), model: res.model };
    },
  };
}

export type ProviderService = ReturnType<typeof providerService>;
