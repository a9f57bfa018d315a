import type {
  ChatAttachment,
  ChatMessage,
  ChatSession,
  ChatSyncResult,
  Identify,
  PreChatField,
  VisitorSession,
  WidgetConfig,
} from '@switchboard/contracts';

/** A problem the server (or the network) reported, by its stable code. */
export class ChatError extends Error {
  constructor(
    readonly code: string,
    readonly status = 0,
    readonly retryAfterSeconds?: number,
    /** Field errors of `validation.failed` (path such as `preChat.email`). */
    readonly fields: Array<{ path: string; message: string }> = [],
  ) {
    super(code);
  }
}

/** The body of POST .../conversations (StartChatBodySchema), as the widget sends it. */
export interface StartChatBody {
  preChat: Record<string, string>;
  message: { clientId: string; text: string };
  locale?: string;
  pageUrl?: string;
}
export type { PreChatField };

/** One of the visitor's conversations (GET .../conversations): its first public message as preview. */
export type HistoryItem = ChatSession & { preview: string | null };

export interface WidgetApi {
  config(): Promise<WidgetConfig>;
  createVisitor(body: { visitorToken?: string; identify?: Identify; locale?: string }): Promise<VisitorSession>;
  refreshVisitor(): Promise<VisitorSession>;
  identify(body: Identify): Promise<VisitorSession>;
  conversations(): Promise<{ items: HistoryItem[] }>;
  start(body: StartChatBody): Promise<{ session: ChatSession; messages: ChatSyncResult['messages'] }>;
  sync(sessionId: string, afterSeq: number): Promise<ChatSyncResult>;
  end(sessionId: string): Promise<ChatSession>;
  leaveMessage(sessionId: string, body: { email: string; name?: string; text?: string }): Promise<ChatSession>;
  rate(sessionId: string, body: { rating: number; comment?: string }): Promise<unknown>;
  transcript(sessionId: string, body: { email: string }): Promise<unknown>;
  upload(file: File): Promise<ChatAttachment>;
  download(url: string): Promise<Blob>;
}

/**
 * REST calls of the visitor side, from the frame (same origin as the API). The visitor token
 * goes in X-Visitor-Token and cookies are never sent, so an agent signed in to the same server
 * in this browser is not mistaken for the visitor. The host page's origin travels in a header
 * because `Origin` is ours: the server checks it against the channel's allowed origins.
 */
export function createWidgetApi(publicKey: string, token: () => string | null, embedOrigin: () => string | null): WidgetApi {
  const base = `/api/v1/widget/${encodeURIComponent(publicKey)}`;

  async function call(method: string, url: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const visitorToken = token();
    if (visitorToken) headers['x-visitor-token'] = visitorToken;
    const origin = embedOrigin();
    if (origin) headers['x-switchboard-embed-origin'] = origin;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body: payload, credentials: 'omit' });
    } catch {
      throw new ChatError('network');
    }
    if (res.ok) return res;
    const problem = (await res.json().catch(() => ({}))) as { code?: string; retryAfterSeconds?: number; errors?: ChatError['fields'] };
    throw new ChatError(
      problem.code ?? (res.status === 413 ? 'attachment.too_large' : 'internal'),
      res.status,
      problem.retryAfterSeconds,
      problem.errors,
    );
  }
  const json = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await call(method, `${base}${path}`, body);
    return (res.status === 204 ? undefined : await res.json()) as T;
  };

  return {
    config: () => json('GET', '/config'),
    createVisitor: (body) => json('POST', '/visitors', body),
    refreshVisitor: () => json('POST', '/visitors/refresh'),
    identify: (body) => json('POST', '/identify', body),
    conversations: () => json('GET', '/conversations'),
    start: (body) => json('POST', '/conversations', body),
    sync: (id, afterSeq) => json('GET', `/conversations/${id}/messages?afterSeq=${afterSeq}`),
    end: (id) => json('POST', `/conversations/${id}/end`),
    leaveMessage: (id, body) => json('POST', `/conversations/${id}/leave-message`, body),
    rate: (id, body) => json('POST', `/conversations/${id}/rating`, body),
    transcript: (id, body) => json('POST', `/conversations/${id}/transcript`, body),
    upload(file) {
      const form = new FormData();
      form.append('file', file, file.name);
      return json('POST', '/attachments', form);
    },
    download: async (url) => (await call('GET', url)).blob(),
  };
}
