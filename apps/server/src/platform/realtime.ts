import type { Server as HttpServer, IncomingHttpHeaders } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Server, type Socket } from 'socket.io';
import type { UserActor } from './auth/actor.js';

export type SocketAuthenticator = (handshake: { headers: IncomingHttpHeaders; auth: Record<string, unknown> }) => Promise<UserActor | null>;

/** Decides whether an actor may join `<prefix>:<id>`. */
export type RoomAuthorizer = (actor: UserActor, id: string) => Promise<boolean>;

/** A client→server event handled by a module; `socket.rooms` tells what it subscribed to. */
export type ClientEventHandler = (actor: UserActor, socket: Socket, payload: unknown, ack?: (res: unknown) => void) => Promise<void> | void;
/** Told when a socket joins or leaves a room of the prefix (including by disconnecting). */
export type RoomChangeHandler = (room: string, actor: UserActor, change: 'joined' | 'left') => Promise<void> | void;

export const rooms = {
  staff: (workspaceId: string) => `ws:${workspaceId}:staff`,
  user: (userId: string) => `user:${userId}`,
  session: (sessionId: string) => `session:${sessionId}`,
};

/**
 * Socket.IO on the API's own HTTP server. Every connection is authenticated in the handshake
 * (session cookie or bearer token) and joins its user, session and, for staff, workspace rooms.
 * Other rooms (a ticket, a chat) are joined with `subscribe`, checked by the owning module.
 * With REDIS_URL set, the Redis adapter fans events out across processes.
 */
export class Realtime {
  readonly io: Server;
  private authenticator: SocketAuthenticator | null = null;
  /** Modules' own credentials (e.g. chat visitor tokens), tried before the session/token one. */
  private readonly extraAuthenticators: SocketAuthenticator[] = [];
  private readonly authorizers = new Map<string, RoomAuthorizer>();
  private redis: Redis[] = [];
  private readonly handlers = new Map<string, ClientEventHandler>();
  private readonly roomHandlers = new Map<string, RoomChangeHandler>();
  /** Set once close() starts: sockets leaving because we shut down are not room changes to announce. */
  private closing = false;

  constructor(
    server: HttpServer,
    private readonly log: Logger,
    redisUrl?: string,
  ) {
    this.io = new Server(server, {
      path: '/socket.io',
      serveClient: false,
      cors: { origin: false },
      connectionStateRecovery: undefined,
    });
    if (redisUrl) {
      const pub = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: null });
      const sub = pub.duplicate();
      for (const c of [pub, sub]) c.on('error', (err) => this.log.warn({ err }, 'redis connection error'));
      this.redis = [pub, sub];
      this.io.adapter(createAdapter(pub, sub));
    }
    this.io.use(async (socket, next) => {
      try {
        const handshake = { headers: socket.handshake.headers, auth: socket.handshake.auth ?? {} };
        let actor: UserActor | null = null;
        for (const fn of [...this.extraAuthenticators, ...(this.authenticator ? [this.authenticator] : [])]) {
          actor = await fn(handshake);
          if (actor) break;
        }
        if (!actor) return next(Object.assign(new Error('auth.unauthenticated'), { data: { code: 'auth.unauthenticated' } }));
        socket.data.actor = actor;
        next();
      } catch (err) {
        const code = (err as { data?: { code?: unknown } }).data?.code;
        if (typeof code === 'string') return next(err as Error);
        this.log.error({ err }, 'socket authentication failed');
        next(new Error('internal'));
      }
    });
    this.io.on('connection', (socket) => this.onConnection(socket));
  }

  setAuthenticator(fn: SocketAuthenticator): void {
    this.authenticator = fn;
  }

  /**
   * Adds a handshake authenticator for credentials the main one does not know. It returns null
   * when the handshake is not its kind, or throws an Error with `data.code` to refuse it.
   */
  addAuthenticator(fn: SocketAuthenticator): void {
    this.extraAuthenticators.push(fn);
  }

  addRoomAuthorizer(prefix: string, fn: RoomAuthorizer): void {
    this.authorizers.set(prefix, fn);
  }

  handle(event: string, fn: ClientEventHandler): void {
    this.handlers.set(event, fn);
  }

  onRoomChange(prefix: string, fn: RoomChangeHandler): void {
    this.roomHandlers.set(prefix, fn);
  }

  /** The users connected to a room, across nodes (with the Redis adapter). */
  async membersOf(room: string): Promise<UserActor[]> {
    const sockets = await this.fetchSockets(room);
    const seen = new Map<string, UserActor>();
    for (const s of sockets) {
      const a = s.data.actor as UserActor | undefined;
      if (a && !seen.has(a.userId)) seen.set(a.userId, a);
    }
    return [...seen.values()];
  }

  /**
   * With the Redis adapter this asks every node; a node that leaves mid-request makes the whole
   * request time out. Ask once more (the departed node is no longer counted), then settle for
   * this node's own sockets rather than fail.
   */
  private async fetchSockets(room: string) {
    for (let attempt = 0; attempt < 2 && !this.closing; attempt++) {
      try {
        return await this.io.in(room).fetchSockets();
      } catch (err) {
        this.log.warn({ err, room, attempt }, 'cluster-wide room query failed');
      }
    }
    return this.io.local.in(room).fetchSockets();
  }

  private notifyRoom(room: string, actor: UserActor, change: 'joined' | 'left'): void {
    const fn = this.roomHandlers.get(room.split(':')[0] ?? '');
    if (!fn || this.closing) return;
    Promise.resolve(fn(room, actor, change)).catch((err) => this.log.warn({ err, room }, 'room change handler failed'));
  }

  /** To every socket in `room` on every node; `exceptSocket`: not to that one (a sender's own socket). */
  emit(room: string, event: string, payload: unknown, exceptSocket?: string): void {
    // Nobody is left to hear it, and the Redis connection may already be gone.
    if (this.closing) return;
    (exceptSocket ? this.io.to(room).except(exceptSocket) : this.io.to(room)).emit(event, payload);
  }

  /** Ends every socket of a session (logout, revocation), on every node. */
  disconnectRoom(room: string): void {
    this.io.in(room).disconnectSockets(true);
  }

  async close(): Promise<void> {
    this.closing = true;
    // Only this node's sockets: with the Redis adapter, io.disconnectSockets() would also end
    // every other node's sockets (and set off their room-change handlers mid-shutdown).
    this.io.local.disconnectSockets(true);
    await new Promise<void>((resolve) => {
      this.io.close(() => resolve());
    }).catch(() => {});
    // The Redis adapter publishes without awaiting (e.g. its answers to another node's room
    // query). One that fires after quit() would reject with "Connection is closed" where nobody
    // catches it; from here on there is nobody to tell, so such publishes are dropped.
    for (const r of this.redis) r.publish = (async () => 0) as unknown as Redis['publish'];
    await Promise.all(this.redis.map((r) => r.quit().catch(() => r.disconnect())));
  }

  private onConnection(socket: Socket): void {
    const actor = socket.data.actor as UserActor;
    void socket.join(rooms.user(actor.userId));
    if (actor.sessionId) void socket.join(rooms.session(actor.sessionId));
    if (actor.kind === 'agent') void socket.join(rooms.staff(actor.workspaceId));

    socket.on('subscribe', async (msg: unknown, ack?: (res: { ok: boolean; code?: string }) => void) => {
      const room = typeof (msg as { room?: unknown })?.room === 'string' ? (msg as { room: string }).room : '';
      const [prefix, id] = room.split(':');
      const authorize = prefix ? this.authorizers.get(prefix) : undefined;
      let ok = false;
      try {
        ok = !!authorize && !!id && (await authorize(actor, id));
      } catch (err) {
        this.log.warn({ err, room }, 'room authorization failed');
      }
      if (ok) await socket.join(room);
      ack?.(ok ? { ok } : { ok, code: 'auth.forbidden' });
      if (ok) this.notifyRoom(room, actor, 'joined');
    });
    socket.on('unsubscribe', async (msg: unknown, ack?: (res: { ok: boolean }) => void) => {
      const room = (msg as { room?: unknown })?.room;
      if (typeof room === 'string' && socket.rooms.has(room)) {
        await socket.leave(room);
        this.notifyRoom(room, actor, 'left');
      }
      ack?.({ ok: true });
    });
    socket.on('disconnect', () => {
      // socket.io has already emptied socket.rooms here; `joined` was recorded on subscribe.
      for (const room of (socket.data.subscribed as Set<string> | undefined) ?? []) this.notifyRoom(room, actor, 'left');
    });
    socket.on('disconnecting', () => {
      socket.data.subscribed = new Set([...socket.rooms].filter((r) => this.roomHandlers.has(r.split(':')[0] ?? '')));
    });
    for (const [name, fn] of this.handlers) {
      socket.on(name, async (payload: unknown, ack?: (res: unknown) => void) => {
        try {
          await fn(actor, socket, payload, ack);
        } catch (err) {
          this.log.warn({ err, event: name }, 'socket event handler failed');
          ack?.({ ok: false, code: 'internal' });
        }
      });
    }
  }
}
