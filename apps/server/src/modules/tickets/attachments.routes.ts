import { Readable } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import { AttachmentSchema } from '@switchboard/contracts';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { contentDisposition } from './attachment-content.js';
import { ATTACHMENTS_CLEANUP_JOB, type AttachmentsService, attachmentsService, type IncomingFile } from './attachments.service.js';
import type { TicketsCore } from './tickets.service.js';

const IdParams = z.object({ id: z.uuid() });
const DownloadQuery = z.object({ inline: z.enum(['1', '0', 'true', 'false']).optional() });
/** Files never change under an id; the short lifetime is for access changes (ticket moved team, user removed). */
const DOWNLOAD_CACHE = 'private, max-age=300';
const DOWNLOAD_CSP = "default-src 'none'; sandbox";
const PREVIEW_CSP = "default-src 'none'; img-src 'self'; sandbox";

export function attachmentsRoutes(maxBytes: number, service: AttachmentsService): FastifyPluginAsyncZod {
  return async (app) => {
    // Scoped to this plugin: no other route accepts multipart bodies.
    await app.register(fastifyMultipart, {
      // One byte over the limit reaches storage, which refuses it; exactly maxBytes is accepted.
      limits: { fileSize: maxBytes + 1, files: 1, fields: 10, parts: 20, fieldSize: 1024 },
    });

    app.post(
      '/api/v1/attachments',
      {
        schema: {
          tags: ['attachments'],
          summary:
            'Upload one file (multipart/form-data, part "file") as a staged attachment; pass its id in attachmentIds of a message or new ticket within 24 h. 413 past ATTACHMENT_MAX_BYTES, 415 for refused types.',
          response: { 201: AttachmentSchema },
        },
      },
      async (req, reply) => {
        const next = async (): Promise<IncomingFile | null> => {
          if (!req.isMultipart()) throw new AppError('request.unsupported_media_type', 415, 'Send the file as multipart/form-data');
          const part = await req.file();
          if (!part) return null;
          if (part.fieldname !== 'file') {
            part.file.resume();
            throw new AppError('validation.failed', 400, 'The file must be sent in the multipart part "file"');
          }
          return { filename: part.filename, mimetype: part.mimetype, stream: part.file, truncated: () => part.file.truncated };
        };
        return reply.status(201).send(await service.upload(req.ctx, next));
      },
    );

    app.get(
      '/api/v1/attachments/:id',
      {
        schema: {
          tags: ['attachments'],
          summary:
            'Download a file (Content-Disposition: attachment). ?inline=1 shows png/jpeg/gif/webp in the page. ETag is the SHA-256; If-None-Match answers 304.',
          params: IdParams,
          querystring: DownloadQuery,
        },
        // After the app-wide hook that marks every /api answer no-store.
        onSend: async (_req, reply, payload) => {
          if (reply.statusCode === 200 || reply.statusCode === 304) reply.header('cache-control', DOWNLOAD_CACHE);
          return payload;
        },
      },
      async (req, reply) => {
        const d = await service.open(req.ctx, req.params.id, {
          inline: req.query.inline === '1' || req.query.inline === 'true',
          ifNoneMatch: req.headers['if-none-match'],
          withBody: req.method !== 'HEAD',
        });
        const a = d.attachment;
        reply.header('etag', `"${a.sha256}"`);
        reply.header('x-content-type-options', 'nosniff');
        if (d.notModified) return reply.status(304).send();
        reply.header('content-type', a.contentType);
        reply.header('content-length', String(a.size));
        reply.header('content-disposition', contentDisposition(d.inline ? 'inline' : 'attachment', a.filename));
        reply.header('content-security-policy', d.inline ? PREVIEW_CSP : DOWNLOAD_CSP);
        reply.header('cross-origin-resource-policy', 'same-origin');
        return reply.send(d.body ?? Readable.from([]));
      },
    );

    app.delete(
      '/api/v1/attachments/:id',
      {
        schema: {
          tags: ['attachments'],
          summary: 'Discard your own staged upload (409 attachment.in_use once attached to a message)',
          params: IdParams,
        },
      },
      async (req, reply) => {
        await service.remove(req.ctx, req.params.id);
        return reply.status(204).send();
      },
    );
  };
}

/** Wires attachments into the tickets module: service, routes and the daily cleanup of stale uploads. */
export async function registerAttachments(app: FastifyInstance, core: TicketsCore): Promise<AttachmentsService> {
  const { p } = core;
  const service = attachmentsService(core);
  p.jobs.define<Record<string, never>>({
    name: ATTACHMENTS_CLEANUP_JOB,
    options: { retryLimit: 1 },
    async handle() {
      const removed = await service.cleanupStaged();
      if (removed) p.log.info({ removed }, 'removed stale staged attachments');
    },
  });
  // The queue exists once the job queue has started, which buildApp does before ready().
  app.addHook('onReady', async () => {
    await p.jobs.pgBoss.schedule(ATTACHMENTS_CLEANUP_JOB, '41 3 * * *', {});
  });
  await app.register(attachmentsRoutes(p.config.ATTACHMENT_MAX_BYTES, service));
  return service;
}
