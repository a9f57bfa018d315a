import { type Channel, SYSTEM_ROLES, type TicketPriority, type TicketStatus } from '@switchboard/contracts';
import type { App } from '../app.js';
import type { UserActor } from '../platform/auth/actor.js';
import type { Ctx } from '../platform/context.js';
import { escapeHtml } from '../platform/html.js';
import { fillSlots, type Lang, pickFrom, TOPICS, type Topic } from './support-texts.js';

/**
 * Demo tickets written through the tickets service with real actors (customers write, agents
 * answer, notes, status changes), so every timeline, event and counter is what the product
 * itself would have produced.
 */

export interface DemoPerson {
  id: string;
  name: string;
  locale: string;
  role: string;
}

export interface DemoTicketsInput {
  workspaceId: string;
  agents: DemoPerson[];
  supervisor: DemoPerson;
  customers: DemoPerson[];
  count: number;
  rand: () => number;
  onTicket?: () => void;
}

/** Where each demo conversation ends: a realistic inbox has most work open or waiting. */
const FINAL: readonly TicketStatus[] = [
  ...['new', 'new', 'open', 'open', 'open', 'open', 'open', 'pending', 'pending', 'pending'],
  ...['pending', 'on_hold', 'solved', 'solved', 'solved', 'solved', 'closed', 'closed', 'closed', 'closed'],
] as TicketStatus[];
const CHANNELS: readonly Channel[] = ['email', 'email', 'email', 'web_chat', 'web_chat', 'portal', 'portal', 'phone', 'messaging'];
const PRIORITIES: readonly TicketPriority[] = ['low', 'normal', 'normal', 'normal', 'normal', 'high', 'high', 'urgent'];

function actorOf(workspaceId: string, person: DemoPerson): Ctx['actor'] {
  const kind = person.role === 'customer' ? 'customer' : 'agent';
  const role = person.role as keyof typeof SYSTEM_ROLES;
  return { kind, userId: person.id, workspaceId, role: person.role, permissions: new Set(SYSTEM_ROLES[role]) } satisfies UserActor;
}

/** An agent who speaks the customer's language when there is one. */
function agentFor(input: DemoTicketsInput, lang: Lang): DemoPerson {
  const speakers = input.agents.filter((a) => (a.locale === 'zh-CN') === (lang === 'zh'));
  return pickFrom(input.rand, speakers.length ? speakers : input.agents);
}

async function demoTicket(app: App, input: DemoTicketsInput, log: Ctx['log']): Promise<void> {
  const { tickets, messages } = app.services.tickets;
  const { rand, workspaceId } = input;
  const customer = pickFrom(rand, input.customers);
  const lang: Lang = customer.locale === 'zh-CN' ? 'zh' : 'en';
  const topic: Topic = pickFrom(rand, TOPICS);
  const texts = topic[lang];
  const fill = (xs: readonly string[]) => fillSlots(pickFrom(rand, xs), lang, rand);
  const final = pickFrom(rand, FINAL);
  const agent = agentFor(input, lang);
  // New tickets wait unassigned in the queue (assigning one takes it into work).
  const assigned = final !== 'new';
  const channel = pickFrom(rand, CHANNELS);
  const as = (p: DemoPerson): Ctx => ({ actor: actorOf(workspaceId, p), log });
  const customerCtx = as(customer);
  const agentCtx = as(agent);

  // Portal tickets are opened by the customer; the rest arrive by a channel and an agent files them.
  const { ticket } =
    channel === 'portal'
      ? await tickets.create(customerCtx, { subject: fill(texts.subjects), bodyText: fill(texts.openings) })
      : await tickets.create(assigned ? agentCtx : as(input.supervisor), {
          subject: fill(texts.subjects),
          bodyText: fill(texts.openings),
          requesterId: customer.id,
          channel,
          language: lang === 'zh' ? 'zh-CN' : 'en',
          priority: pickFrom(rand, PRIORITIES),
          tags: rand() < 0.2 ? [topic.tag, 'vip'] : [topic.tag],
          ...(assigned ? { assigneeId: agent.id } : {}),
        });
  if (channel === 'portal' && assigned) {
    await tickets.update(agentCtx, ticket.id, { assigneeId: agent.id, priority: pickFrom(rand, PRIORITIES), addTags: [topic.tag] });
  }
  if (final === 'new') return;

  if (rand() < 0.3) await messages.add(agentCtx, ticket.id, { kind: 'note', bodyText: fill(texts.notes) });
  // The status the agent's last reply leaves: waiting on the customer, or solved (on hold and open stay open here).
  const last: TicketStatus | undefined = final === 'pending' ? 'pending' : final === 'solved' || final === 'closed' ? 'solved' : undefined;
  const followUp = final === 'open' || rand() < 0.4;
  const reply = (status: TicketStatus | undefined) =>
    messages.add(agentCtx, ticket.id, { kind: 'reply', bodyText: fill(texts.replies), ...(status ? { status } : {}) });
  await reply(followUp ? (final === 'open' ? undefined : 'pending') : last);
  if (followUp) {
    // The customer answers: a waiting ticket comes back to the queue.
    await messages.add(customerCtx, ticket.id, { kind: 'reply', bodyText: fill(texts.followUps) });
    if (final !== 'open') await reply(last);
  }
  if (final === 'on_hold') {
    const mention = `<span data-mention="${input.supervisor.id}">@${escapeHtml(input.supervisor.name)}</span>`;
    const note = lang === 'zh' ? '需要你审批一下，先挂起。' : 'can you approve this? Putting it on hold meanwhile.';
    await messages.add(agentCtx, ticket.id, { kind: 'note', bodyHtml: `<p>${mention} ${note}</p>`, status: 'on_hold' });
  }
  if (final === 'closed') await tickets.update(agentCtx, ticket.id, { status: 'closed' });
}

export async function seedDemoTickets(app: App, input: DemoTicketsInput): Promise<number> {
  if (!input.agents.length || !input.customers.length) return 0;
  for (let i = 0; i < input.count; i++) {
    await demoTicket(app, input, app.server.log);
    input.onTicket?.();
  }
  return input.count;
}
