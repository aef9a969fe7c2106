const COOKIE_NAME = 'stax_session';
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** The session secret from the request's cookie, if any. */
export function readSessionCookie(request: Request): string | null {
  const header = request.headers.get('cookie');
  if (!header) return null;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE_NAME) return rest.join('=') || null;
  }
  return null;
}

/** A Set-Cookie value for a session: HttpOnly, SameSite=Lax, Secure on https. */
export function sessionCookie(secret: string, appUrl: string): string {
  const secure = appUrl.startsWith('https:') ? '; Secure' : '';
  return `${COOKIE_NAME}=${secret}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_MAX_AGE_SECONDS}${secure}`;
}

/** A Set-Cookie value that removes the session cookie. */
export function clearedSessionCookie(appUrl: string): string {
  const secure = appUrl.startsWith('https:') ? '; Secure' : '';
  return `${COOKIE_NAME}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`;
}
