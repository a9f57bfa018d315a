const CSRF_COOKIE = 'sb_csrf';

let sessionToken: string | null = null;

/** Remember the csrfToken from the latest session or sign-in response. */
export function setCsrfToken(token: string | null): void {
  sessionToken = token;
}

export function readCookie(name: string, cookieString = document.cookie): string | null {
  for (const part of cookieString.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/**
 * The token for the x-csrf-token header. The sb_csrf cookie is written by the server on
 * every rotation, so it wins when present; the in-memory token covers browsers where the
 * cookie is not readable yet.
 */
export function getCsrfToken(): string | null {
  return readCookie(CSRF_COOKIE) || sessionToken;
}
