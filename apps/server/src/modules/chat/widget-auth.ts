import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import type { ChannelRow } from '../channels/index.js';
import { type ChatCore, settingsOf, type VisitorActor } from './chat.core.js';
import type { VisitorsService } from './visitors.service.js';
import { tokenInvalid } from './visitors.service.js';
import { embedOriginOf, originAllowed } from './widget-origin.js';

/** How widget routes find the channel of a public key and the visitor behind X-Visitor-Token. */
export function widgetAuth(core: ChatCore, visitors: VisitorsService) {
  const ownOrigin = core.p.config.PUBLIC_URL ? new URL(core.p.config.PUBLIC_URL).origin : null;

  /** The enabled channel of the key, refused for embedding origins it does not list; CORS for those it does. */
  async function channelFor(req: FastifyRequest, reply: FastifyReply, publicKey: string): Promise<ChannelRow> {
    const channel = await core.channels.byPublicKey(publicKey);
    if (!channel) throw new AppError('channel.not_found', 404, 'Channel not found');
    if (!channel.enabled) throw new AppError('chat.channel_disabled', 403, 'This chat is switched off');
    const origin = embedOriginOf(req.headers, ownOrigin ?? `${req.protocol}://${req.headers.host ?? ''}`);
    if (!originAllowed(settingsOf(core, channel).allowedOrigins, origin)) {
      throw new AppError('chat.origin_not_allowed', 403, 'This chat is not enabled on this website');
    }
    const cors = req.headers.origin;
    if (typeof cors === 'string' && cors === origin) reply.header('access-control-allow-origin', cors).header('vary', 'Origin');
    return channel;
  }

  async function visitorFor(req: FastifyRequest, channel: ChannelRow) {
    const token = req.headers['x-visitor-token'];
    const v = typeof token === 'string' ? await visitors.resolve(token, channel) : null;
    if (!v) throw tokenInvalid();
    return v;
  }

  async function actorFor(
    req: FastifyRequest,
    reply: FastifyReply,
    publicKey: string,
  ): Promise<{ channel: ChannelRow; actor: VisitorActor }> {
    const channel = await channelFor(req, reply, publicKey);
    return { channel, actor: visitors.actorOf(await visitorFor(req, channel)) };
  }

  return { channelFor, visitorFor, actorFor };
}

export type WidgetAuth = ReturnType<typeof widgetAuth>;
