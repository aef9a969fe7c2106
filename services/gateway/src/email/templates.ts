/** The subject, HTML and text of a sign-in email. */
export function signInEmail(link: string): { subject: string; html: string; text: string } {
  const safeLink = escapeHtml(link);
  return {
    subject: 'Your Stax sign-in link',
    text: [
      'Sign in to Stax by opening this link:',
      '',
      link,
      '',
      'It works once and expires in 15 minutes. If you did not ask for it, ignore this email.',
    ].join('\n'),
    html: [
      '<p>Sign in to Stax by opening this link:</p>',
      `<p><a href="${safeLink}">Sign in to Stax</a></p>`,
      '<p>It works once and expires in 15 minutes. If you did not ask for it, ignore this email.</p>',
    ].join('\n'),
  };
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
