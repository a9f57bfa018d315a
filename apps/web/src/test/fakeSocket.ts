import { act } from '@testing-library/react';
import type { RealtimeSocket } from '../realtime/socket';

// biome-ignore lint/suspicious/noExplicitAny: listeners receive whatever the test pushes
type Listener = (...args: any[]) => void;

/** An in-memory stand-in for the Socket.IO connection: records what the app sends, replays what the "server" pushes. */
export class FakeSocket implements RealtimeSocket {
  connected = false;
  readonly sent: { event: string; payload: unknown }[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();

  connect(): void {
    this.connected = true;
    this.fire('connect');
  }

  disconnect(): void {
    this.connected = false;
  }

  on(event: string, listener: Listener): void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
  }

  off(event: string, listener: Listener): void {
    this.listeners.get(event)?.delete(listener);
  }

  emit(event: string, ...args: unknown[]): void {
    this.sent.push({ event, payload: args[0] });
    const ack = args.find((arg): arg is (res: unknown) => void => typeof arg === 'function');
    ack?.({ ok: true });
  }

  /** The server pushes `event` to this client. */
  push(event: string, payload: unknown): void {
    act(() => this.fire(event, payload));
  }

  rooms(): string[] {
    const joined = new Set<string>();
    for (const { event, payload } of this.sent) {
      const room = (payload as { room?: string } | undefined)?.room;
      if (!room) continue;
      if (event === 'subscribe') joined.add(room);
      if (event === 'unsubscribe') joined.delete(room);
    }
    return [...joined];
  }

  private fire(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}
