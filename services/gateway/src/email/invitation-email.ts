import { escapeHtml } from './templates';

/** The subject, HTML and text of an invitation to join a workspace. */
export function invitationEmail(input: { workspaceName: string; role: string; link: string }): {
  subject: string;
  html: string;
  text: string;
} {
  const workspace = escapeHtml(input.workspaceName);
  return {
    subject: `You are invited to ${input.workspaceName} on Stax`,
    text: [
      `You are invited to join the workspace "${input.workspaceName}" on Stax as ${input.role}.`,
      '',
      'Accept by opening this link (it signs you in with this address):',
      '',
      input.link,
      '',
      'It works once and expires in 7 days. If you did not expect it, ignore this email.',
    ].join('\n'),
    html: [
      `<p>You are invited to join the workspace <strong>${workspace}</strong> on Stax as`,
      `${escapeHtml(input.role)}.</p>`,
      `<p><a href="${escapeHtml(input.link)}">Accept the invitation</a></p>`,
      '<p>It works once and expires in 7 days. If you did not expect it, ignore this email.</p>',
    ].join('\n'),
  };
}
