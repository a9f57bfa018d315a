import { io } from 'socket.io-client';

// biome-ignore lint/suspicious/noExplicitAny: socket.io's listener type; payloads are typed where they are handled
type Listener = (...args: any[]) => void;

/** The part of a socket.io client socket the app uses; tests substitute a fake. */
export interface RealtimeSocket {
  readonly connected: boolean;
  connect(): unknown;
  disconnect(): unknown;
  on(event: string, listener: Listener): unknown;
  off(event: string, listener: Listener): unknown;
  emit(event: string, ...args: unknown[]): unknown;
}

export type SocketFactory = () => RealtimeSocket;

// Same origin, session cookie auth; the server puts staff in the workspace room on connect.
const defaultFactory: SocketFactory = () =>
  io({ path: '/socket.io', autoConnect: false, withCredentials: true, transports: ['websocket', 'polling'] });

let factory: SocketFactory = defaultFactory;
let socket: RealtimeSocket | null = null;
let users = 0;
/** Rooms this tab wants, with how many screens want each; re-joined after every reconnect. */
const rooms = new Map<string, number>();

function resubscribe(): void {
  for (const room of rooms.keys()) socket?.emit('subscribe', { room });
}

export function getSocket(): RealtimeSocket {
  if (!socket) {
    socket = factory();
    socket.on('connect', resubscribe);
  }
  return socket;
}

/** For tests (and only them): use another socket implementation from now on. */
export function setSocketFactory(next: SocketFactory | null): void {
  socket?.disconnect();
  socket = null;
  users = 0;
  rooms.clear();
  factory = next ?? defaultFactory;
}

/** Keeps the connection open while at least one screen needs it; returns the release function. */
export function acquireConnection(): () => void {
  const s = getSocket();
  users += 1;
  if (!s.connected) s.connect();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    users -= 1;
    if (users === 0) {
      rooms.clear();
      s.disconnect();
    }
  };
}

/** Joins a room (e.g. `ticket:<id>`) for as long as the returned function is not called. */
export function joinRoom(room: string): () => void {
  const s = getSocket();
  const count = rooms.get(room) ?? 0;
  rooms.set(room, count + 1);
  // Not connected yet: the 'connect' handler subscribes every wanted room.
  if (count === 0 && s.connected) s.emit('subscribe', { room });
  let left = false;
  return () => {
    if (left) return;
    left = true;
    const remaining = (rooms.get(room) ?? 1) - 1;
    if (remaining > 0) {
      rooms.set(room, remaining);
      return;
    }
    rooms.delete(room);
    if (s.connected) s.emit('unsubscribe', { room });
  };
}

/** Tells the others on a ticket that this agent is (or stopped) typing. */
export function sendTyping(ticketId: string, typing: boolean): void {
  const s = getSocket();
  if (s.connected) s.emit('ticket.typing', { ticketId, typing });
}
