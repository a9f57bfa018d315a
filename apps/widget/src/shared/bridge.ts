/**
 * The postMessage protocol between the loader (host page) and the chat frame (our origin).
 * Every message carries `sb: 1` so unrelated messages on the page (other widgets, devtools) are
 * ignored cheaply; both sides also check the sender's window and origin before trusting one.
 */

/** What a host site may pass to identify a signed-in user (hash = HMAC-SHA256(userId, channel secret)). */
export interface IdentifyInput {
  userId: string;
  email: string;
  name?: string;
  hash: string;
}

/** Loader → frame. */
export type HostMessage =
  | { sb: 1; type: 'init'; identify: IdentifyInput | null; locale: string | null; pageUrl: string; open: boolean; visible: boolean }
  | { sb: 1; type: 'open' }
  | { sb: 1; type: 'close' }
  | { sb: 1; type: 'visibility'; visible: boolean }
  | { sb: 1; type: 'identify'; identify: IdentifyInput }
  | { sb: 1; type: 'locale'; locale: string };

/** Labels the loader needs for its own (non-framed) button, already localized by the frame. */
export interface LauncherLabels {
  open: string;
  close: string;
  /** Contains {{count}}. */
  unread: string;
}

/** Frame → loader. */
export type FrameMessage =
  | { sb: 1; type: 'ready' }
  | { sb: 1; type: 'config'; color: string; position: 'left' | 'right'; labels: LauncherLabels }
  | { sb: 1; type: 'unread'; count: number }
  | { sb: 1; type: 'notify'; title: string }
  | { sb: 1; type: 'close' }
  | { sb: 1; type: 'open' }
  | { sb: 1; type: 'error'; code: string };

export function isBridgeMessage<T extends { sb: 1; type: string }>(data: unknown): data is T {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { sb?: unknown }).sb === 1 &&
    typeof (data as { type?: unknown }).type === 'string'
  );
}

/** Only colours we can safely drop into a style sheet (config comes from an admin, but still). */
export function safeColor(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^#[0-9a-f]{3,8}$/i.test(value) ? value : fallback;
}
