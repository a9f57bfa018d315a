import { type KbArticle, matchLocale } from '@switchboard/contracts';
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { htmlToText, sanitizeMessageHtml } from '../../platform/html.js';
import { loadVisible, messages, viewerFor } from '../tickets/index.js';
import { requireKb } from './kb.policy.js';
import { articleSlug, checkSection, insertArticle, type KbCore, viewArticle } from './kb-core.js';
import { slugify } from './kb-slug.js';

const messageNotFound = () => notFound('message.not_found', 'Message');

/** Turning a good ticket answer into a draft article. */
export function fromMessageService(core: KbCore) {
  const { p } = core;
  return {
    /** Staff who may write articles and can see the ticket; the draft is private until published. */
    async create(ctx: Ctx, input: { messageId: string; sectionId?: string | null | undefined }): Promise<KbArticle> {
      const actor = requireKb(ctx, 'kb.write');
      const ws = actor.workspaceId;
      const [message] = await p.db
        .select({ id: messages.id, ticketId: messages.ticketId, kind: messages.kind, bodyHtml: messages.bodyHtml })
        .from(messages)
        .where(and(eq(messages.workspaceId, ws), eq(messages.id, input.messageId)));
      if (!message) throw messageNotFound();
      // The tickets module's own access rule: a message of a ticket the caller cannot see is unknown.
      const viewer = await viewerFor(core.tickets.core, ctx);
      const ticket = await loadVisible(core.tickets.core, p.db, viewer, message.ticketId).catch((err) => {
        throw err instanceof AppError && err.status === 404 ? messageNotFound() : err;
      });
      if (message.kind === 'event') throw new AppError('validation.failed', 400, 'Pick a reply or a note, not a timeline event');
      await checkSection(p.db, ws, input.sectionId);
      const html = sanitizeMessageHtml(message.bodyHtml);
      const locale = matchLocale(ticket.language);
      return p.transaction(async (tx) => {
        const slug = await articleSlug(tx, ws, locale, { derived: slugify(ticket.subject) });
        const row = await insertArticle(
          tx,
          {
            workspaceId: ws,
            locale,
            sectionId: input.sectionId ?? null,
            slug,
            title: ticket.subject.slice(0, 300),
            bodyHtml: html,
            bodyText: htmlToText(html).trim(),
            tags: [],
            visibility: 'public',
            status: 'draft',
            authorId: actor.userId,
          },
          `drafted from ticket #${ticket.number}`,
        );
        return viewArticle(tx, actor, row);
      });
    },
  };
}

export type FromMessageService = ReturnType<typeof fromMessageService>;
