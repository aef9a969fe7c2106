const EXPIRES_AFTER_DAYS = 365;

/** GET /.well-known/security.txt (RFC 9116): where to report a vulnerability. */
export function securityTxt(request: Request): Response {
  const origin = new URL(request.url).origin;
  const expires = new Date(Date.now() + EXPIRES_AFTER_DAYS * 86_400_000);
  expires.setUTCHours(0, 0, 0, 0);
  const body = [
    'Contact: mailto:security@stax.dev',
    `Expires: ${expires.toISOString()}`,
    'Preferred-Languages: en',
    `Canonical: ${origin}/.well-known/security.txt`,
    '',
  ].join('\n');
  return new Response(body, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
