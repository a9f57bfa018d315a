import type { Tx } from '../../platform/db/client.js';
import type { Platform } from '../../platform/platform.js';
import { OPEN_STATUSES, type TicketAutoChanges, type TicketChange, type TicketHook, type TicketRow } from '../tickets/index.js';
import { pickFor } from './agent-picker.js';
import { findRequiredSkills, findRules, findTeam, RULES_CACHE, saveRoutingState, toRule } from './routing.repo.js';
import { matchRoutingRule, type RoutingTicketFacts } from './routing-rules.js';
import { selfAssigningChannels } from './self-assigning.js';

function factsOf(ticket: TicketRow): RoutingTicketFacts {
  return {
    channel: ticket.channel,
    categoryId: ticket.categoryId,
    language: ticket.language,
    priority: ticket.priority as RoutingTicketFacts['priority'],
    organizationId: ticket.organizationId,
    tags: ticket.tags,
  };
}

/** A new ticket without a team goes where the first matching rule says, with the rule's skills. */
async function routeNew(p: Platform, tx: Tx, ticket: TicketRow): Promise<TicketAutoChanges | undefined> {
  const selfAssigning = selfAssigningChannels.has(ticket.channel);
  if (ticket.teamId) {
    if (selfAssigning) return undefined;
    const assigneeId = await pickFor(tx, ticket.workspaceId, ticket.teamId, []);
    return assigneeId ? { assigneeId } : undefined;
  }
  // Every new ticket reads them: from the configuration cache (written rules invalidate it).
  const rules = await p.cache.get(RULES_CACHE, ticket.workspaceId, async () => (await findRules(tx, ticket.workspaceId)).map(toRule));
  const rule = matchRoutingRule(rules, factsOf(ticket));
  if (!rule) return undefined;
  const skills = rule.action.skills;
  await saveRoutingState(tx, { ticketId: ticket.id, workspaceId: ticket.workspaceId, ruleId: rule.id, requiredSkills: skills });
  // A team deleted since the rule was saved routes nowhere rather than to a dangling id.
  const teamId = rule.action.teamId && (await findTeam(tx, ticket.workspaceId, rule.action.teamId)) ? rule.action.teamId : null;
  const assigneeId = selfAssigning ? null : await pickFor(tx, ticket.workspaceId, teamId, skills);
  const changes: TicketAutoChanges = {};
  if (teamId) changes.teamId = teamId;
  if (assigneeId) changes.assigneeId = assigneeId;
  return Object.keys(changes).length ? changes : undefined;
}

/**
 * Routing inside the ticket's own transaction: a ticket is never visible without the team and
 * agent routing chose for it. New tickets are matched against the rules; a ticket moved to
 * another team while unassigned gets an agent of that team.
 */
export function routingHook(p: Platform): TicketHook {
  return {
    name: 'routing',
    async afterWrite(tx: Tx, change: TicketChange) {
      const ticket = change.after;
      if (ticket.assigneeId || ticket.mergedIntoId || !OPEN_STATUSES.includes(ticket.status as (typeof OPEN_STATUSES)[number])) {
        return undefined;
      }
      if (change.kind === 'created') return routeNew(p, tx, ticket);
      if (change.kind === 'updated' && ticket.teamId && change.fields.includes('teamId') && !selfAssigningChannels.has(ticket.channel)) {
        const assigneeId = await pickFor(tx, ticket.workspaceId, ticket.teamId, await findRequiredSkills(tx, ticket.id));
        return assigneeId ? { assigneeId } : undefined;
      }
      return undefined;
    },
  };
}
