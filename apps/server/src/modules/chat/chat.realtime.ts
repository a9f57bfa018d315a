import { type ChatAck, chatRoom } from '@switchboard/contracts';
import type { Socket } from 'socket.io';
import type { UserActor } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type ChatCore, isVisitor, loadForAgent, loadForVisitor, type SessionRef, settingsOf } from './chat.core.js';
import { findChatCandidates, findUserNames, type SessionRow } from './chat.repo.js';
import { visitorView } from './conversations.service.js';
import type { MessagingService } from './messaging.js';
import type { VisitorsService } from './visitors.service.js';
import { originAllowed } from './widget-origin.js';

const refuse = (code: string) => Object.assign(new Error(code), { data: { code } });
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0);

/**
 * Chat over Socket.IO: visitor tokens authenticate sockets, `chat:<sessionId>` rooms carry the
 * conversation (customer-safe payloads only), and the chat.* client events map onto the same
 * services as the REST API. Works across nodes through the adapter.
 */
export function registerChatRealtime(core: ChatCore, visitors: VisitorsService, messaging: MessagingService): void {
  const rt = core.p.realtime;
  if (!rt) return;
  const ctxOf = (actor: UserActor, socket: Socket): Ctx => ({
    actor,
    log: core.p.log as unknown as Ctx['log'],
    ip: socket.handshake.address,
  });

  rt.addAuthenticator(async ({ auth }) => {
    const token = str(auth.visitorToken);
    if (!token) return null;
    const channelId = token.split('.')[2] ?? '';
    const channel = /^[0-9a-f-]{36}$/.test(channelId) ? await core.channels.byId(core.p.db, channelId) : null;
    const v = channel ? await visitors.resolve(token, channel) : null;
    if (!channel || !v) throw refuse('chat.visitor_token_invalid');
    if (!channel.enabled) throw refuse('chat.channel_disabled');
    if (!originAllowed(settingsOf(core, channel).allowedOrigins, str(auth.embedOrigin) || null)) throw refuse('chat.origin_not_allowed');
    return visitors.actorOf(v);
  });

  /** The id as given, when it can be a chat's id at all. */
  function sessionId(id: string): string {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new AppError('chat.not_found', 404, 'Chat not found');
    return id;
  }

  async function sessionFor(actor: UserActor, raw: string): Promise<SessionRow> {
    const id = sessionId(raw);
    if (isVisitor(actor)) return loadForVisitor(core.p.db, actor, id);
    return loadForAgent(core, core.p.db, { actor, log: core.p.log as unknown as Ctx['log'] }, id);
  }

  rt.addRoomAuthorizer('chat', async (actor, id) => {
    try {
      await sessionFor(actor, id);
      return true;
    } catch {
      return false;
    }
  });

  rt.onRoomChange('chat', async (room) => {
    const sessionId = room.slice('chat:'.length);
    const members = await rt.membersOf(room);
    const agents = members.filter((m) => m.kind === 'agent');
    const workspaceId = members[0]?.workspaceId;
    if (!workspaceId) return;
    const names = await findUserNames(
      core.p.db,
      agents.map((a) => a.userId),
    );
    rt.emit(room, 'chat.presence', {
      sessionId,
      agentsOnline: (await findChatCandidates(core.p.db, workspaceId, null)).length,
      agentsHere: agents.map((a) => ({ name: names.get(a.userId)?.name ?? '' })),
    });
  });

  /**
   * For sending: a visitor's session is checked under the message's lock, so it is not read
   * first; staff load it (and its ticket's visibility) as for everything else.
   */
  async function sendTarget(actor: UserActor, id: string): Promise<SessionRef> {
    if (!isVisitor(actor)) return sessionFor(actor, id);
    return { id: sessionId(id), workspaceId: actor.workspaceId, channelId: actor.chatVisitor.channelId };
  }

  /** Wraps a handler: subscription check, error → `{ ok: false, code }` ack. */
  function on<S extends SessionRef = SessionRow>(
    event: string,
    fn: (actor: UserActor, socket: Socket, s: S, payload: Record<string, unknown>) => Promise<object | undefined>,
    load: (actor: UserActor, id: string) => Promise<S> = sessionFor as unknown as (actor: UserActor, id: string) => Promise<S>,
  ) {
    rt?.handle(event, async (actor, socket, raw, ack) => {
      const payload = (raw ?? {}) as Record<string, unknown>;
      try {
        const s = await load(actor, str(payload.sessionId));
        const result = await fn(actor, socket, s, payload);
        ack?.({ ok: true, ...(result ?? {}) } satisfies ChatAck<object>);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        ack?.({
          ok: false,
          code: err.code,
          detail: err.message,
          ...(err.details.retryAfterSeconds ? { retryAfterSeconds: err.details.retryAfterSeconds } : {}),
        });
      }
    });
  }

  on(
    'chat.send',
    async (actor, socket, s, p) =>
      messaging.send(
        ctxOf(actor, socket),
        s,
        {
          clientId: str(p.clientId).slice(0, 64) || crypto.randomUUID(),
          text: str(p.text),
          attachmentIds: Array.isArray(p.attachmentIds) ? p.attachmentIds.map(str) : [],
        },
        socket.id,
      ),
    sendTarget,
  );
  on('chat.sync', async (_actor, _socket, s, p) => messaging.sync(s, int(p.afterSeq), Math.min(Math.max(int(p.limit) || 200, 1), 500)));
  on('chat.delivered', async (actor, socket, s, p) => {
    await messaging.receipt(ctxOf(actor, socket), s, 'delivered', int(p.seq));
    return undefined;
  });
  on('chat.read', async (actor, socket, s, p) => {
    await messaging.receipt(ctxOf(actor, socket), s, 'read', int(p.seq));
    return undefined;
  });
  on('chat.end', async (actor, socket, s) => ({
    session: await visitorView(core, await messaging.end(ctxOf(actor, socket), s, isVisitor(actor) ? 'visitor' : 'agent')),
  }));

  rt.handle('chat.typing', async (actor, socket, raw) => {
    const p = (raw ?? {}) as Record<string, unknown>;
    const room = chatRoom(str(p.sessionId));
    // Only sockets admitted to the conversation may signal typing in it.
    if (!socket.rooms.has(room)) return;
    const visitor = isVisitor(actor);
    const name = visitor ? null : ((await findUserNames(core.p.db, [actor.userId])).get(actor.userId)?.name ?? null);
    socket
      .to(room)
      .emit('chat.typing', { sessionId: str(p.sessionId), side: visitor ? 'visitor' : 'agent', name, typing: p.typing === true });
  });
}
