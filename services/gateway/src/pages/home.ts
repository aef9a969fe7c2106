const PAGE_STYLE =
  'font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem';

/** A small HTML page in the house style. */
export function page(title: string, body: string, status = 200): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title></head>
<body style="${PAGE_STYLE}">${body}</body></html>`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/** The page a used, expired or mangled sign-in link lands on. */
export function linkProblemPage(): Response {
  return page(
    'Sign-in link not valid',
    '<h1>This sign-in link is not valid</h1><p>It was used already, expired after 15 minutes, or was cut off. Ask for a new one.</p><p><a href="/">Get a new sign-in link</a></p>',
    400,
  );
}
