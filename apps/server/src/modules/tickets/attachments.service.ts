import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { hasPermission } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/client.js';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { StorageNotFoundError, StorageTooLargeError } from '../../platform/storage.js';
import { decideContentType, etagMatches, isPreviewable, parseTypePatterns, SNIFF_BYTES, sanitizeFilename } from './attachment-content.js';
import { viewerOf } from './tickets.policy.js';
import { presentAttachment } from './tickets.presenter.js';
import type { AttachmentRow } from './tickets.repo.js';
import { attachments, messages, scheduledMessages } from './tickets.schema.js';
import { loadVisible, type TicketsCore, viewerFor } from './tickets.service.js';

export const ATTACHMENTS_CLEANUP_JOB = 'attachments.cleanup';
/** Uploads never attached to a message are removed after this long. */
export const STAGED_TTL_MS = 24 * 3600 * 1000;
/** Per user: generous for people, a wall for a script filling the disk. */
export const UPLOAD_RATE = { limit: 60, windowSeconds: 60 };
export const uploadRateKey = (userId: string) => `attachments.upload:${userId}`;

/** One uploaded file as the route hands it over; nothing HTTP-specific. */
export interface IncomingFile {
  filename: string | undefined;
  mimetype: string;
  stream: Readable;
  /** True when the parser cut the file at its own size limit. */
  truncated(): boolean;
}

export interface Download {
  attachment: AttachmentRow;
  /** Shown in the page (previewable images asked for inline) rather than saved. */
  inline: boolean;
  /** The client's copy (If-None-Match) is current: answer 304 without a body. */
  notModified: boolean;
  body: Readable | null;
}

const attachmentNotFound = () => notFound('attachment.not_found', 'Attachment');
const tooLarge = (max: number) => new AppError('attachment.too_large', 413, `Attachments are limited to ${max} bytes`);

/** Reads the first bytes for sniffing and returns a stream that still yields all of them. */
async function peek(source: Readable, bytes: number): Promise<{ head: Buffer; stream: Readable }> {
  const it = source.iterator({ destroyOnReturn: false });
  const chunks: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < bytes) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    chunks.push(r.value as Buffer);
    length += (r.value as Buffer).length;
  }
  const first = Buffer.concat(chunks);
  async function* all() {
    if (first.length) yield first;
    if (done) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value as Buffer;
    }
  }
  return { head: first.subarray(0, bytes), stream: Readable.from(all(), { objectMode: false }) };
}

/** Reads a refused upload to its end (bounded by the parser's size limit) so the connection stays usable. */
async function drain(stream: Readable): Promise<void> {
  stream.resume();
  await finished(stream).catch(() => {});
}

/**
 * Serializes everyone who creates or removes a reference to one stored object, so a blob is
 * never deleted between an upload finding it (dedup) and that upload's row being committed.
 */
async function lockStorageKey(tx: Tx, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`storage:${key}`}, 0))`);
}

export function attachmentsService(core: TicketsCore) {
  const { p } = core;
  const allowed = parseTypePatterns(p.config.ATTACHMENT_TYPES);
  const maxBytes = p.config.ATTACHMENT_MAX_BYTES;

  /** Deletes a staged row (if still staged) and its bytes when nothing else uses them. */
  async function deleteStaged(row: Pick<AttachmentRow, 'id' | 'storageKey'>): Promise<boolean> {
    return p.transaction(async (tx) => {
      await lockStorageKey(tx, row.storageKey);
      const gone = await tx
        .delete(attachments)
        .where(and(eq(attachments.id, row.id), isNull(attachments.ticketId), isNull(attachments.messageId)))
        .returning({ id: attachments.id });
      if (!gone.length) return false;
      const [other] = await tx.select({ id: attachments.id }).from(attachments).where(eq(attachments.storageKey, row.storageKey)).limit(1);
      // Inside the transaction, under the key lock: no upload can start referencing it meanwhile.
      if (!other) await p.storage.delete(row.storageKey);
      return true;
    });
  }

  /** Stores the bytes after the type check; 413/415 leave nothing stored. */
  async function store(file: IncomingFile, filename: string) {
    const { head, stream } = await peek(file.stream, SNIFF_BYTES);
    const decision = decideContentType({ declared: file.mimetype, filename, head, allowed });
    if (!decision.ok) {
      await drain(stream);
      throw new AppError('attachment.type_not_allowed', 415, decision.reason);
    }
    try {
      const stored = await p.storage.put(stream, { maxBytes });
      // The parser stops at maxBytes + 1, so storage sees the excess; this is the backstop.
      if (file.truncated()) throw tooLarge(maxBytes);
      return { ...stored, contentType: decision.contentType };
    } catch (err) {
      if (err instanceof StorageTooLargeError) {
        await drain(stream);
        throw tooLarge(maxBytes);
      }
      throw err;
    }
  }

  return {
    /** Stages an upload for the caller; attached later through a message's or ticket's attachmentIds. */
    async upload(ctx: Ctx, next: () => Promise<IncomingFile | null>) {
      const viewer = viewerOf(ctx.actor);
      if (viewer.staff && !hasPermission(viewer.actor, 'ticket.reply') && !hasPermission(viewer.actor, 'ticket.note')) throw forbidden();
      const rate = await p.rateLimiter.hit(uploadRateKey(viewer.actor.userId), UPLOAD_RATE.limit, UPLOAD_RATE.windowSeconds);
      if (!rate.allowed) {
        throw new AppError('rate_limited', 429, 'Too many uploads; wait and try again', { retryAfterSeconds: rate.retryAfterSeconds });
      }
      const file = await next();
      if (!file) throw new AppError('validation.failed', 400, 'Send one file in the multipart part "file"');
      const filename = sanitizeFilename(file.filename);
      const stored = await store(file, filename);
      const row = await p.transaction(async (tx) => {
        await lockStorageKey(tx, stored.key);
        // A concurrent removal of the last other reference may have deleted the bytes we deduplicated onto.
        if (!(await p.storage.exists(stored.key)))
          throw new AppError('service.unavailable', 503, 'The upload was interrupted; send it again');
        const [inserted] = await tx
          .insert(attachments)
          .values({
            id: uuidv7(),
            workspaceId: viewer.actor.workspaceId,
            uploaderId: viewer.actor.userId,
            filename,
            contentType: stored.contentType,
            size: stored.size,
            sha256: stored.sha256,
            storageKey: stored.key,
          })
          .returning();
        return inserted as AttachmentRow;
      });
      ctx.log.info({ attachmentId: row.id, size: row.size, contentType: row.contentType }, 'attachment uploaded');
      return presentAttachment(row);
    },

    /**
     * An attachment the caller may read: staff who can see its ticket; customers only for files
     * of public replies on their tickets (never a note's); a staged upload only by its uploader.
     * Everything else is 404, so ids of hidden files reveal nothing.
     */
    async open(ctx: Ctx, id: string, opts: { inline: boolean; ifNoneMatch?: string | undefined; withBody: boolean }): Promise<Download> {
      const viewer = await viewerFor(core, ctx);
      const [found] = await p.db
        .select({ attachment: attachments, messageKind: messages.kind, messageTicketId: messages.ticketId })
        .from(attachments)
        .leftJoin(messages, eq(messages.id, attachments.messageId))
        .where(and(eq(attachments.id, id), eq(attachments.workspaceId, viewer.actor.workspaceId)));
      if (!found) throw attachmentNotFound();
      const { attachment } = found;
      // The message's ticket wins: a merge moves messages, and their files go with them.
      const ticketId = found.messageTicketId ?? attachment.ticketId;
      if (!ticketId) {
        if (attachment.uploaderId !== viewer.actor.userId) throw attachmentNotFound();
      } else {
        if (!viewer.staff && found.messageKind !== 'reply') throw attachmentNotFound();
        await loadVisible(core, p.db, viewer, ticketId).catch((err: unknown) => {
          throw err instanceof AppError && err.status === 404 ? attachmentNotFound() : err;
        });
      }
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

    /** The uploader discards a staged upload; once attached to a message it stays (409). */
    async remove(ctx: Ctx, id: string): Promise<void> {
      const viewer = viewerOf(ctx.actor);
      const [row] = await p.db
        .select()
        .from(attachments)
        .where(and(eq(attachments.id, id), eq(attachments.workspaceId, viewer.actor.workspaceId)));
      if (!row || row.uploaderId !== viewer.actor.userId) throw attachmentNotFound();
      const inUse = () => conflict('attachment.in_use', 'This file is attached to a message and cannot be removed');
      if (row.ticketId || row.messageId) throw inUse();
      if (!(await deleteStaged(row))) throw inUse();
    },

    /** Removes staged uploads older than a day (the daily job). Returns how many went. */
    async cleanupStaged(now = new Date()): Promise<number> {
      const cutoff = new Date(now.getTime() - STAGED_TTL_MS);
      let removed = 0;
      for (let round = 0; round < 100; round++) {
        const batch = await p.db
          .select({ id: attachments.id, storageKey: attachments.storageKey })
          .from(attachments)
          .where(
            and(
              isNull(attachments.ticketId),
              isNull(attachments.messageId),
              lt(attachments.createdAt, cutoff),
              // A reply scheduled for later holds its uploads until it is sent.
              sql`not exists (select 1 from ${scheduledMessages} where ${scheduledMessages.state} = 'scheduled' and ${attachments.id} = any(${scheduledMessages.attachmentIds}))`,
            ),
          )
          .limit(200);
        for (const row of batch) if (await deleteStaged(row)) removed++;
        if (batch.length < 200) break;
      }
      return removed;
    },
  };
}

export type AttachmentsService = ReturnType<typeof attachmentsService>;
