import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type ChatCore, settingsOf } from './chat.core.js';

const LONG_CACHE = 'public, max-age=31536000, immutable';
/** Host pages link to loader.js by a fixed name: a short cache (revalidated by ETag) lets a new build reach them. */
const SHORT_CACHE = 'public, max-age=300';
/** Content-hashed file names (`frame-CGGyirkC.js`) or anything under assets/ never change. */
const isFingerprinted = (file: string) => file.includes(`${path.sep}assets${path.sep}`) || /[.-][A-Za-z0-9_]{8,}\.[a-z0-9]+$/.test(file);
const FrameQuery = z.object({ key: z.string().max(100).optional() });

/**
 * Which pages may frame the chat: the channel's allowed origins, any page when it lists none,
 * and no page at all for an unknown or switched-off key (the frame could not work there anyway).
 */
export async function frameAncestors(core: ChatCore, key: string | undefined): Promise<string> {
  const channel = key ? await core.channels.byPublicKey(key) : null;
  if (!channel?.enabled) return "'none'";
  const allowed = settingsOf(core, channel).allowedOrigins;
  return allowed.length ? allowed.join(' ') : '*';
}

/**
 * Serves the built widget (apps/widget/dist) at /widget/: loader.js for host pages, frame.html
 * for the iframe (framable only by the channel's origins), assets/* content-hashed. Without a
 * build every /widget/ path is a 404 problem and the server runs as usual.
 */
export async function registerWidgetStatic(app: FastifyInstance, core: ChatCore, dir: string): Promise<void> {
  const root = path.resolve(dir);
  if (!fs.existsSync(path.join(root, 'loader.js'))) {
    app.get('/widget/*', { schema: { hide: true } }, async (_req, reply) => reply.callNotFound());
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/widget/',
    // The web app's static root owns reply.sendFile.
    decorateReply: false,
    index: false,
    // frame.html has its own route (its headers depend on the channel).
    allowedPath: (pathName) => pathName !== '/frame.html',
    setHeaders(reply, file) {
      reply.header('cache-control', isFingerprinted(file) ? LONG_CACHE : SHORT_CACHE);
      // Host pages with Cross-Origin-Embedder-Policy can still load the loader.
      reply.header('cross-origin-resource-policy', 'cross-origin');
      if (file.endsWith('.js')) reply.header('content-type', 'text/javascript; charset=utf-8');
    },
  });
  app
    .withTypeProvider<ZodTypeProvider>()
    .get('/widget/frame.html', { schema: { hide: true, querystring: FrameQuery } }, async (req, reply) => {
      const html = await fs.promises.readFile(path.join(root, 'frame.html'), 'utf8').catch(() => null);
      if (html === null) return reply.callNotFound();
      // No X-Frame-Options here (it cannot list origins); frame-ancestors decides who may embed it.
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('content-security-policy', `frame-ancestors ${await frameAncestors(core, req.query.key)}`)
        .send(html);
    });
}
