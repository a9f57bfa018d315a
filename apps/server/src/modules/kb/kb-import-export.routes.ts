import fastifyMultipart from '@fastify/multipart';
import { KbExportQuerySchema, KbImportResultSchema } from '@switchboard/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/errors.js';
import type { ImportExportService } from './kb-import.service.js';

const tags = ['knowledge base'];
const MAX_ARCHIVE_BYTES = 50 * 1024 * 1024;
const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed', 'application/octet-stream'];

export function importExportRoutes(service: ImportExportService): FastifyPluginAsyncZod {
  return async (app) => {
    // Scoped to this plugin: the import takes the zip as the raw body or as a multipart upload.
    app.addContentTypeParser(ZIP_TYPES, { parseAs: 'buffer', bodyLimit: MAX_ARCHIVE_BYTES }, (_req, body, done) => done(null, body));
    await app.register(fastifyMultipart, { limits: { fileSize: MAX_ARCHIVE_BYTES, files: 1, fields: 5, parts: 10 } });

    app.get(
      '/api/v1/kb/export',
      {
        schema: {
          tags,
          summary:
            'Every article and locale as a zip: articles/<group>/<locale>.md (or .html) with YAML front matter, plus categories.yaml. Re-importable.',
          querystring: KbExportQuerySchema,
        },
      },
      async (req, reply) => {
        const zip = await service.export(req.ctx, req.query.format);
        const stamp = new Date().toISOString().slice(0, 10);
        reply.header('content-type', 'application/zip');
        reply.header('content-disposition', `attachment; filename="knowledge-base-${stamp}-${req.query.format}.zip"`);
        return reply.send(Buffer.from(zip));
      },
    );

    app.post(
      '/api/v1/kb/import',
      {
        bodyLimit: MAX_ARCHIVE_BYTES,
        schema: {
          tags,
          summary:
            'Create or update categories and articles from an export zip (raw application/zip body, or multipart part "file"). All or nothing; 400 kb_import.invalid names each bad file.',
          response: { 200: KbImportResultSchema },
        },
      },
      async (req) => {
        let bytes: Buffer | null = null;
        if (req.isMultipart()) {
          const part = await req.file();
          if (part?.fieldname !== 'file') throw new AppError('validation.failed', 400, 'Send the zip in the multipart part "file"');
          bytes = await part.toBuffer();
        } else if (Buffer.isBuffer(req.body)) {
          bytes = req.body;
        }
        if (!bytes?.length)
          throw new AppError('request.unsupported_media_type', 415, 'Send the zip as application/zip or multipart/form-data');
        return service.import(req.ctx, new Uint8Array(bytes));
      },
    );
  };
}
