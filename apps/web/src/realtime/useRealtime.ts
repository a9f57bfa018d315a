import { useEffect, useRef } from 'react';
import { acquireConnection, getSocket, joinRoom } from './socket';

/** Opens the realtime connection while the calling screen is mounted. */
export function useRealtimeConnection(): void {
  useEffect(() => acquireConnection(), []);
}

/** Calls `handler` for every `event` pushed by the server (the latest handler, without re-subscribing). */
export function useRealtimeEvent<T>(event: string, handler: (payload: T) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const socket = getSocket();
    const listener = (payload: T) => latest.current(payload);
    socket.on(event, listener);
    return () => {
      socket.off(event, listener);
    };
  }, [event]);
}

/** Stays subscribed to `room` while mounted; null subscribes to nothing. */
export function useRealtimeRoom(room: string | null): void {
  useEffect(() => (room ? joinRoom(room) : undefined), [room]);
}
