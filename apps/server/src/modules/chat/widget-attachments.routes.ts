import { Readable } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import { ChatAttachmentDownloadQuerySchema, ChatAttachmentResultSchema } from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { contentDisposition, type IncomingFile } from '../tickets/index.js';
import type { ChatAttachmentsService } from './chat-attachments.js';
import type { WidgetAuth } from './widget-auth.js';

const KeyParams = z.object({ publicKey: z.string().min(1).max(100) });
const FileParams = KeyParams.extend({ id: z.uuid() });
// The same answers as the ticket downloads: short private cache, no sniffing, a sandbox for anything rendered.
const DOWNLOAD_CACHE = 'private, max-age=300';
const DOWNLOAD_CSP = "default-src 'none'; sandbox";
const PREVIEW_CSP = "default-src 'none'; img-src 'self'; sandbox";

/** Visitor uploads (multipart, staged like ticket uploads) and downloads of their conversation's files. */
export function widgetAttachmentsRoutes(maxBytes: number, auth: WidgetAuth, service: ChatAttachmentsService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['widget'];
    // Scoped to this plugin, like the tickets module's upload route.
    await app.register(fastifyMultipart, {
      limits: { fileSize: maxBytes + 1, files: 1, fields: 10, parts: 20, fieldSize: 1024 },
    });

    app.post(
      '/api/v1/widget/:publicKey/attachments',
      {
        schema: {
          tags,
          summary:
            'Upload one file (multipart/form-data, part "file") to send in a chat message within 24 h (visitor). 413 past the size limit, 415 for refused types.',
          params: KeyParams,
          response: { 201: ChatAttachmentResultSchema },
        },
      },
      async (req, reply) => {
        const { channel, actor } = await auth.actorFor(req, reply, req.params.publicKey);
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
        return reply.status(201).send(await service.upload(req.ctx, channel, actor, next));
      },
    );

    app.get(
      '/api/v1/widget/:publicKey/attachments/:id',
      {
        schema: {
          tags,
          summary:
            "A file of the visitor's conversation (visitor). ?inline=1 shows png/jpeg/gif/webp; otherwise Content-Disposition: attachment. ETag is the SHA-256.",
          params: FileParams,
          querystring: ChatAttachmentDownloadQuerySchema,
        },
        // After the app-wide hook that marks every /api answer no-store.
        onSend: async (_req, reply, payload) => {
          if (reply.statusCode === 200 || reply.statusCode === 304) reply.header('cache-control', DOWNLOAD_CACHE);
          return payload;
        },
      },
      async (req, reply) => {
        const { actor } = await auth.actorFor(req, reply, req.params.publicKey);
        const d = await service.open(req.ctx, actor, req.params.id, {
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
  };
}
