import { type FrameMessage, type HostMessage, isBridgeMessage } from '../shared/bridge.js';

export interface FrameBridge {
  /** The host page's origin, known once its `init` arrived (our own origin when not framed). */
  origin(): string | null;
  send(msg: FrameMessage): void;
  readonly framed: boolean;
}

/**
 * The frame's end of the postMessage bridge. The first `init` from our parent window fixes the
 * host origin (MessageEvent.origin cannot be forged by the page); after that only messages from
 * that window and origin are accepted, and everything we send is addressed to that origin only.
 */
export function createFrameBridge(win: Window, onMessage: (msg: HostMessage) => void): FrameBridge {
  const framed = win.parent !== win;
  let hostOrigin: string | null = framed ? null : win.location.origin;
  win.addEventListener('message', (e: MessageEvent) => {
    if (!framed || e.source !== win.parent || !isBridgeMessage<HostMessage>(e.data)) return;
    if (hostOrigin === null) {
      if (e.data.type !== 'init' || !e.origin || e.origin === 'null') return;
      hostOrigin = e.origin;
    } else if (e.origin !== hostOrigin) return;
    onMessage(e.data);
  });
  return {
    framed,
    origin: () => hostOrigin,
    send(msg) {
      if (!framed) return;
      // `ready` carries nothing and is how we learn who the parent is; the rest waits for that.
      if (msg.type === 'ready') win.parent.postMessage(msg, '*');
      else if (hostOrigin) win.parent.postMessage(msg, hostOrigin);
    },
  };
}
