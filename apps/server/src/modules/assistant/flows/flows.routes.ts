import {
  AssistantIdParamsSchema,
  FlowBodySchema,
  FlowSchema,
  FlowSettingsSchema,
  HandoffRuleBodySchema,
  HandoffRuleSchema,
  QaPairBodySchema,
  QaPairSchema,
} from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FlowsService } from './flows.service.js';

const tags = ['assistant'];

/** CRUD under /api/v1/assistant/{qa,flows,handoff-rules} and the flow settings (admin.settings). */
export function flowsRoutes(s: FlowsService): FastifyPluginAsyncZod {
  return async (app) => {
    const params = AssistantIdParamsSchema;
    const list = (what: string) => `List ${what} (admin.settings)`;
    const one = (verb: string, what: string) => `${verb} ${what} (admin.settings)`;

    // ---- Q&A pairs ----
    const qa = '/api/v1/assistant/qa';
    app.get(
      qa,
      { schema: { tags, summary: list('Q&A pairs'), response: { 200: z.object({ items: z.array(QaPairSchema) }) } } },
      async (req) => ({
        items: await s.listQa(req.ctx),
      }),
    );
    app.post(
      qa,
      { schema: { tags, summary: one('Create', 'a Q&A pair'), body: QaPairBodySchema, response: { 201: QaPairSchema } } },
      async (req, reply) => reply.code(201).send(await s.createQa(req.ctx, req.body)),
    );
    app.get(`${qa}/:id`, { schema: { tags, summary: one('Get', 'a Q&A pair'), params, response: { 200: QaPairSchema } } }, async (req) =>
      s.getQa(req.ctx, req.params.id),
    );
    app.put(
      `${qa}/:id`,
      { schema: { tags, summary: one('Replace', 'a Q&A pair'), params, body: QaPairBodySchema, response: { 200: QaPairSchema } } },
      async (req) => s.updateQa(req.ctx, req.params.id, req.body),
    );
    app.delete(
      `${qa}/:id`,
      { schema: { tags, summary: one('Delete', 'a Q&A pair'), params, response: { 204: z.null() } } },
      async (req, reply) => {
        await s.deleteQa(req.ctx, req.params.id);
        return reply.code(204).send(null);
      },
    );

    // ---- flows ----
    const flows = '/api/v1/assistant/flows';
    const invalid =
      '; a step graph with unknown or duplicate step ids or no reachable end is 422 assistant_flow.invalid with errors[].path';
    app.get(
      flows,
      { schema: { tags, summary: list('flows'), response: { 200: z.object({ items: z.array(FlowSchema) }) } } },
      async (req) => ({
        items: await s.listFlows(req.ctx),
      }),
    );
    app.post(
      flows,
      { schema: { tags, summary: one('Create', `a flow${invalid}`), body: FlowBodySchema, response: { 201: FlowSchema } } },
      async (req, reply) => reply.code(201).send(await s.createFlow(req.ctx, req.body)),
    );
    app.get(`${flows}/:id`, { schema: { tags, summary: one('Get', 'a flow'), params, response: { 200: FlowSchema } } }, async (req) =>
      s.getFlow(req.ctx, req.params.id),
    );
    app.put(
      `${flows}/:id`,
      { schema: { tags, summary: one('Replace', `a flow${invalid}`), params, body: FlowBodySchema, response: { 200: FlowSchema } } },
      async (req) => s.updateFlow(req.ctx, req.params.id, req.body),
    );
    app.delete(
      `${flows}/:id`,
      { schema: { tags, summary: one('Delete', 'a flow'), params, response: { 204: z.null() } } },
      async (req, reply) => {
        await s.deleteFlow(req.ctx, req.params.id);
        return reply.code(204).send(null);
      },
    );

    // ---- handoff rules ----
    const rules = '/api/v1/assistant/handoff-rules';
    app.get(
      rules,
      {
        schema: {
          tags,
          summary: list('handoff rules, first match by position (the default set is written on first use)'),
          response: { 200: z.object({ items: z.array(HandoffRuleSchema) }) },
        },
      },
      async (req) => ({ items: await s.listRules(req.ctx) }),
    );
    app.post(
      rules,
      { schema: { tags, summary: one('Create', 'a handoff rule'), body: HandoffRuleBodySchema, response: { 201: HandoffRuleSchema } } },
      async (req, reply) => reply.code(201).send(await s.createRule(req.ctx, req.body)),
    );
    app.get(
      `${rules}/:id`,
      { schema: { tags, summary: one('Get', 'a handoff rule'), params, response: { 200: HandoffRuleSchema } } },
      async (req) => s.getRule(req.ctx, req.params.id),
    );
    app.put(
      `${rules}/:id`,
      {
        schema: {
          tags,
          summary: one('Replace', 'a handoff rule'),
          params,
          body: HandoffRuleBodySchema,
          response: { 200: HandoffRuleSchema },
        },
      },
      async (req) => s.updateRule(req.ctx, req.params.id, req.body),
    );
    app.delete(
      `${rules}/:id`,
      { schema: { tags, summary: one('Delete', 'a handoff rule'), params, response: { 204: z.null() } } },
      async (req, reply) => {
        await s.deleteRule(req.ctx, req.params.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/v1/assistant/flow-settings',
      {
        schema: {
          tags,
          summary: 'Flow settings: the development allow-list of action hosts (admin.settings)',
          response: { 200: FlowSettingsSchema },
        },
      },
      async (req) => s.getSettings(req.ctx),
    );
    app.put(
      '/api/v1/assistant/flow-settings',
      {
        schema: {
          tags,
          summary: 'Replace the flow settings (admin.settings)',
          body: FlowSettingsSchema,
          response: { 200: FlowSettingsSchema },
        },
      },
      async (req) => s.putSettings(req.ctx, req.body),
    );
  };
}
