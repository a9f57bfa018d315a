import { TICKET_STATUSES, type TicketStatus } from '@switchboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, signedIn, startApp, type TestApp } from '../../test/harness.js';
import { canTransition } from './ticket-status.js';

/**
 * Every status transition through the API, for staff and for the requester: each allowed one
 * answers 200 and shows the new status; each refused one answers 409 and changes nothing.
 */
let app: TestApp;
let agent: Awaited<ReturnType<typeof signedIn>>;
let customer: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  app = await startApp();
  const ws = await createWorkspace(app);
  agent = await signedIn(app, ws.id, 'agent');
  customer = await signedIn(app, ws.id, 'customer');
});
afterAll(async () => app.close());

/** A ticket brought to `status` by the shortest allowed path. */
async function ticketIn(status: TicketStatus): Promise<string> {
  const res = await customer.client.post('/api/v1/tickets', { subject: `In ${status}`, bodyText: 'Please help' });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  const path: TicketStatus[] = status === 'closed' ? ['solved', 'closed'] : status === 'new' ? [] : [status];
  for (const step of path) expect((await agent.client.patch(`/api/v1/tickets/${id}`, { status: step })).statusCode).toBe(200);
  return id;
}

const pairs = TICKET_STATUSES.flatMap((from) => TICKET_STATUSES.filter((to) => to !== from).map((to) => [from, to] as const));

describe.each([
  ['staff', 'agent'],
  ['requester', 'customer'],
] as const)('as %s', (_label, who) => {
  it.each(pairs)('%s → %s', async (from, to) => {
    const id = await ticketIn(from);
    const client = who === 'agent' ? agent.client : customer.client;
    const res = await client.patch(`/api/v1/tickets/${id}`, { status: to });
    const after = (await agent.client.get(`/api/v1/tickets/${id}`)).json().status;
    if (canTransition(from, to, who)) {
      expect(res.statusCode, res.body).toBe(200);
      expect(after).toBe(to);
    } else {
      expect(res.statusCode, res.body).toBe(409);
      expect(['ticket.invalid_transition', 'ticket.closed']).toContain(res.json().code);
      expect(after).toBe(from);
    }
  });
});
