/**
 * Whether the embedding page's origin may use a channel's widget. An empty list allows any
 * origin. Entries are exact origins or `scheme://*.domain` for every subdomain (not the apex).
 * When the channel lists origins, a missing origin is refused: the frame always knows it.
 */
export function originAllowed(allowed: readonly string[], origin: string | null | undefined): boolean {
  if (!allowed.length) return true;
  if (!origin) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const actual = `${url.protocol}//${url.host}`.toLowerCase();
  return allowed.some((entry) => {
    const e = entry.toLowerCase();
    const wild = /^(https?:\/\/)\*\.(.+)$/.exec(e);
    if (!wild) return e === actual;
    return actual.startsWith(wild[1] ?? '') && actual.slice((wild[1] ?? '').length).endsWith(`.${wild[2]}`);
  });
}

/**
 * The embedding page's origin for a widget request: the frame's header, else a cross-origin
 * caller's Origin (the loader on the host page). Our own origin means "the frame, header missing".
 */
export function embedOriginOf(headers: Record<string, string | string[] | undefined>, ownOrigin: string | null): string | null {
  const embed = headers['x-switchboard-embed-origin'];
  if (typeof embed === 'string' && embed) return embed;
  const origin = headers.origin;
  if (typeof origin === 'string' && origin && origin !== ownOrigin) return origin;
  return null;
}
