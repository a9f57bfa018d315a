import type { DraftReplyResult } from '@switchboard/contracts';
import type { TicketRow } from '../../tickets/index.js';
import { type AssistantCore, analyzeTurn, articleUrl } from '../assistant.core.js';
import { effectiveSettings } from '../assistant-settings.js';
import type { Candidate } from '../kb-index.js';
import { Masker } from './masking.js';
import { draftPrompt, parseGrounded } from './prompts.js';
import { providerGateway } from './provider-gateway.js';
import { recentReplies } from './ticket-text.js';

const MAX_PASSAGES = 4;
const WHO: Record<string, string> = { customer: 'Customer', bot: 'Assistant' };

/**
 * A reply draft for the agent: written by the model provider from the knowledge-base passages
 * that match the customer's latest message (with citations), or offline the best passage as
 * it is. The agent reviews it; nothing is sent.
 */
export async function draftReply(core: AssistantCore, ticket: TicketRow): Promise<DraftReplyResult> {
  const { p } = core;
  const ws = ticket.workspaceId;
  const replies = await recentReplies(p.db, ws, ticket.id);
  const customerSaid = replies.filter((m) => m.authorKind === 'customer').map((m) => m.bodyText);
  const question = customerSaid.at(-1) ?? ticket.subject;
  const { locale } = analyzeTurn(question, customerSaid.slice(0, -1), 'en');
  const settings = await effectiveSettings(p.db, core.index, ws);
  const candidates = (await core.index.search(p.db, ws, question, locale, settings.clarifyThreshold))
    .filter((c) => c.confidence >= settings.clarifyThreshold)
    .slice(0, MAX_PASSAGES);
  const cite = (c: Candidate) => ({ articleId: c.articleId, title: c.title, url: `${p.config.publicUrl}${articleUrl(c)}` });
  const offline = (fallbackReason: DraftReplyResult['fallbackReason']): DraftReplyResult => {
    const best = candidates[0];
    if (!best) return { source: 'offline', text: '', locale, citations: [], fallbackReason: 'no_passage' };
    const c = cite(best);
    return { source: 'offline', text: `${best.passage}\n\n${c.title}: ${c.url}`, locale, citations: [c], fallbackReason };
  };

  const gateway = providerGateway(p);
  const provider = await gateway.enabledProvider(ws);
  if (!provider) return offline('not_configured');
  if (candidates.length === 0) return offline('no_passage');
  const masker = new Masker();
  const conversation = replies.map((m) => `${WHO[m.authorKind] ?? 'Agent'}: ${masker.mask(m.bodyText)}`).join('\n');
  const passages = candidates.map((c) => ({ title: masker.mask(c.title), text: masker.mask(c.passage) }));
  const res = await gateway.complete(
    { workspaceId: ws, purpose: 'draft', ticketId: ticket.id },
    masker,
    draftPrompt(conversation || masker.mask(question), passages, locale),
    { maxTokens: 600, provider, accept: (content) => parseGrounded(content, passages.length) !== null },
  );
  if (!res.ok) return offline(res.outcome === 'not_configured' ? 'not_configured' : res.outcome);
  const grounded = parseGrounded(res.content, passages.length);
  if (!grounded) return offline('refused');
  const cited = grounded.cited.map((n) => ({ n, c: cite(candidates[n - 1] as Candidate) }));
  const sources = cited.map(({ n, c }) => `[${n}] ${c.title}: ${c.url}`).join('\n');
  // The agent sends it to this customer: their own data goes back in.
  const text = `${masker.restore(grounded.text)}\n\n${sources}`;
  return { source: 'model', text, locale, citations: cited.map(({ c }) => c), fallbackReason: null };
}
