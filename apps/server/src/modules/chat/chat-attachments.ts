import type { Readable } from 'node:stream';
import type { ChatAttachment } from '@switchboard/contracts';
import type { Ctx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { StorageNotFoundError } from '../../platform/storage.js';
import type { ChannelRow } from '../channels/index.js';
import { type AttachmentRow, attachmentsService, etagMatches, type IncomingFile, isPreviewable } from '../tickets/index.js';
import { type ChatCore, limit, settingsOf, type VisitorActor } from './chat.core.js';
import { findAttachmentWithChat } from './chat.repo.js';

export const attachmentsDisabled = () => new AppError('chat.attachments_disabled', 400, 'Files cannot be sent in this chat');
const attachmentNotFound = () => notFound('attachment.not_found', 'Attachment');

/** The widget's URL of a file: fetched with the visitor token, never with a session cookie. */
export function presentChatAttachment(
  a: Pick<AttachmentRow, 'id' | 'filename' | 'contentType' | 'size'>,
  publicKey: string,
): ChatAttachment {
  return {
    id: a.id,
    filename: a.filename,
    contentType: a.contentType,
    size: a.size,
    url: `/api/v1/widget/${encodeURIComponent(publicKey)}/attachments/${a.id}`,
    previewable: isPreviewable(a.contentType),
  };
}

export interface VisitorDownload {
  attachment: AttachmentRow;
  inline: boolean;
  notModified: boolean;
  body: Readable | null;
}

/**
 * Visitor files: staged through the tickets module's attachment staging (same size and type
 * rules, same storage, same cleanup of unused uploads), then claimed by a chat message.
 */
export function chatAttachmentsService(core: ChatCore) {
  const { p } = core;
  const files = attachmentsService(core.tickets.core);

  return {
    async upload(ctx: Ctx, channel: ChannelRow, actor: VisitorActor, next: () => Promise<IncomingFile | null>): Promise<ChatAttachment> {
      if (!settingsOf(core, channel).attachmentsEnabled) throw attachmentsDisabled();
      // Per visitor the tickets service limits uploads; many fresh visitors from one address are limited here.
      await limit(p, `upload:ip:${ctx.ip ?? ''}`, 30, 60);
      const staged = await files.upload({ ...ctx, actor }, next);
      return presentChatAttachment(staged, channel.publicKey);
    },

    /**
     * A file of the visitor's own conversation on this channel (a public reply's, never a note's),
     * or their own staged upload. Access follows the chat, not the ticket's requester: a visitor
     * who left an email keeps seeing their files. Anything else is 404.
     */
    async open(
      ctx: Ctx,
      actor: VisitorActor,
      id: string,
      opts: { inline: boolean; ifNoneMatch?: string | undefined; withBody: boolean },
    ): Promise<VisitorDownload> {
      const found = await findAttachmentWithChat(p.db, actor.workspaceId, id);
      if (!found) throw attachmentNotFound();
      const { attachment, chat } = found;
      const staged = !attachment.messageId && !attachment.ticketId;
      const allowed = staged
        ? attachment.uploaderId === actor.userId
        : found.messageKind === 'reply' && chat?.visitorUserId === actor.userId && chat.channelId === actor.chatVisitor.channelId;
      if (!allowed) throw attachmentNotFound();
      const inline = opts.inline && isPreviewable(attachment.contentType);
      if (etagMatches(opts.ifNoneMatch, attachment.sha256)) return { attachment, inline, notModified: true, body: null };
      if (!opts.withBody) return { attachment, inline, notModified: false, body: null };
      try {
        return { attachment, inline, notModified: false, body: await p.storage.get(attachment.storageKey) };
      } catch (err) {
        if (!(err instanceof StorageNotFoundError)) throw err;
        ctx.log.error({ attachmentId: attachment.id, key: attachment.storageKey }, 'attachment bytes missing from storage');
        throw attachmentNotFound();
      }
    },
  };
}

export type ChatAttachmentsService = ReturnType<typeof chatAttachmentsService>;
