import type { Flow, FlowBody, FlowSettings, HandoffRule, HandoffRuleBody, QaPair, QaPairBody } from '@switchboard/contracts';
import type { Ctx } from '../../../platform/context.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { AppError, notFound } from '../../../platform/errors.js';
import type { Platform } from '../../../platform/platform.js';
import { recordAudit } from '../../audit/index.js';
import { requirePermission } from '../../identity/index.js';
import { validateFlowGraph } from './flow-graph.js';
import * as repo from './flows.repo.js';
import { DEFAULT_HANDOFF_RULES } from './handoff-rules.js';
import { maskHeaders, sealHeaders } from './header-secrets.js';

const dates = (r: { createdAt: Date; updatedAt: Date }) => ({ createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() });

export const presentQa = (r: repo.QaRow): QaPair => ({
  id: r.id,
  locale: r.locale as QaPair['locale'],
  questions: r.questions,
  answer: r.answer,
  enabled: r.enabled,
  ...dates(r),
});
export const presentFlow = (r: repo.FlowRow): Flow => ({
  id: r.id,
  name: r.name,
  enabled: r.enabled,
  trigger: r.trigger,
  start: r.start,
  steps: maskHeaders(r.steps),
  ...dates(r),
});
export const presentRule = (r: repo.RuleRow): HandoffRule => ({
  id: r.id,
  name: r.name,
  enabled: r.enabled,
  position: r.position,
  condition: r.condition,
  teamId: r.teamId,
  ...dates(r),
});

const qaMissing = () => notFound('assistant_qa.not_found', 'Q&A pair');
const flowMissing = () => notFound('assistant_flow.not_found', 'Flow');
const ruleMissing = () => notFound('assistant_handoff_rule.not_found', 'Handoff rule');

function checkFlow(body: FlowBody) {
  const errors = validateFlowGraph(body);
  if (errors.length) throw new AppError('assistant_flow.invalid', 422, 'The flow has steps that do not connect', { errors });
}

/** Materializes the default handoff rules once, so admins edit real rows. */
async function seedRules(tx: DbOrTx, ws: string) {
  if (!(await repo.claimRuleSeeding(tx, ws))) return;
  for (const r of DEFAULT_HANDOFF_RULES) await repo.insertRule(tx, ws, r);
}

/** Admin CRUD for Q&A pairs, flows, handoff rules and the flow settings (admin.settings). */
export function flowsService(p: Platform) {
  const admin = (ctx: Ctx) => requirePermission(ctx.actor, 'admin.settings').workspaceId;
  const audited = <T>(ctx: Ctx, ws: string, action: string, id: string | null, fn: (tx: DbOrTx) => Promise<T>) =>
    p.transaction(async (tx) => {
      const out = await fn(tx);
      await recordAudit(tx, ctx, { workspaceId: ws, action, ...(id ? { subject: { type: 'assistant', id } } : {}) });
      return out;
    });

  return {
    async listQa(ctx: Ctx) {
      return (await repo.listQa(p.db, admin(ctx))).map(presentQa);
    },
    async getQa(ctx: Ctx, id: string) {
      const row = await repo.findQa(p.db, admin(ctx), id);
      if (!row) throw qaMissing();
      return presentQa(row);
    },
    async createQa(ctx: Ctx, body: QaPairBody) {
      const ws = admin(ctx);
      return presentQa(await audited(ctx, ws, 'assistant.qa_created', null, (tx) => repo.insertQa(tx, ws, body)));
    },
    async updateQa(ctx: Ctx, id: string, body: QaPairBody) {
      const ws = admin(ctx);
      const row = await audited(
        ctx,
        ws,
        'assistant.qa_updated',
        id,
        async (tx) => (await repo.updateQa(tx, ws, id, body)) ?? Promise.reject(qaMissing()),
      );
      return presentQa(row);
    },
    async deleteQa(ctx: Ctx, id: string) {
      const ws = admin(ctx);
      await audited(ctx, ws, 'assistant.qa_deleted', id, async (tx) => (await repo.deleteQa(tx, ws, id)) || Promise.reject(qaMissing()));
    },

    async listFlows(ctx: Ctx) {
      return (await repo.listFlows(p.db, admin(ctx))).map(presentFlow);
    },
    async getFlow(ctx: Ctx, id: string) {
      const row = await repo.findFlow(p.db, admin(ctx), id);
      if (!row) throw flowMissing();
      return presentFlow(row);
    },
    async createFlow(ctx: Ctx, body: FlowBody) {
      const ws = admin(ctx);
      checkFlow(body);
      const sealed = { ...body, steps: sealHeaders(body.steps, null, p.secrets) };
      return presentFlow(await audited(ctx, ws, 'assistant.flow_created', null, (tx) => repo.insertFlow(tx, ws, sealed)));
    },
    async updateFlow(ctx: Ctx, id: string, body: FlowBody) {
      const ws = admin(ctx);
      const stored = await repo.findFlow(p.db, ws, id);
      if (!stored) throw flowMissing();
      checkFlow(body);
      const sealed = { ...body, steps: sealHeaders(body.steps, stored.steps, p.secrets) };
      const row = await audited(
        ctx,
        ws,
        'assistant.flow_updated',
        id,
        async (tx) => (await repo.updateFlow(tx, ws, id, sealed)) ?? Promise.reject(flowMissing()),
      );
      return presentFlow(row);
    },
    async deleteFlow(ctx: Ctx, id: string) {
      const ws = admin(ctx);
      await audited(
        ctx,
        ws,
        'assistant.flow_deleted',
        id,
        async (tx) => (await repo.deleteFlow(tx, ws, id)) || Promise.reject(flowMissing()),
      );
    },

    async listRules(ctx: Ctx) {
      const ws = admin(ctx);
      await p.transaction((tx) => seedRules(tx, ws));
      return (await repo.listRules(p.db, ws)).map(presentRule);
    },
    async getRule(ctx: Ctx, id: string) {
      const row = await repo.findRule(p.db, admin(ctx), id);
      if (!row) throw ruleMissing();
      return presentRule(row);
    },
    async createRule(ctx: Ctx, body: HandoffRuleBody) {
      const ws = admin(ctx);
      return presentRule(
        await audited(ctx, ws, 'assistant.handoff_rule_created', null, async (tx) => {
          await seedRules(tx, ws);
          return repo.insertRule(tx, ws, body);
        }),
      );
    },
    async updateRule(ctx: Ctx, id: string, body: HandoffRuleBody) {
      const ws = admin(ctx);
      const row = await audited(
        ctx,
        ws,
        'assistant.handoff_rule_updated',
        id,
        async (tx) => (await repo.updateRule(tx, ws, id, body)) ?? Promise.reject(ruleMissing()),
      );
      return presentRule(row);
    },
    async deleteRule(ctx: Ctx, id: string) {
      const ws = admin(ctx);
      await audited(
        ctx,
        ws,
        'assistant.handoff_rule_deleted',
        id,
        async (tx) => (await repo.deleteRule(tx, ws, id)) || Promise.reject(ruleMissing()),
      );
    },

    async getSettings(ctx: Ctx): Promise<FlowSettings> {
      const row = await repo.findFlowSettings(p.db, admin(ctx));
      return { actionAllowHosts: row?.actionAllowHosts ?? [] };
    },
    async putSettings(ctx: Ctx, body: FlowSettings): Promise<FlowSettings> {
      const ws = admin(ctx);
      const hosts = [...new Set(body.actionAllowHosts.map((h) => h.replace(/^\[|\]$/g, '')))];
      await audited(ctx, ws, 'assistant.flow_settings_updated', null, (tx) => repo.upsertFlowSettings(tx, ws, { actionAllowHosts: hosts }));
      return { actionAllowHosts: hosts };
    },
  };
}

export type FlowsService = ReturnType<typeof flowsService>;
