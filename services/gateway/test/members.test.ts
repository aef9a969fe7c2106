import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestEnv } from './env';
import { call, captureEmails, newWorkspace, signIn, withJson, type SentEmail } from './helpers';

const testEnv = env as unknown as TestEnv;

afterEach(() => vi.restoreAllMocks());

const ORIGIN = 'https://stax.test';

interface Me {
  user: { id: string; email: string } | null;
  role: string;
  workspace: { id: string; name: string };
}

async function me(cookie: string): Promise<Me> {
  return (await (await call('/api/v1/me', { headers: { cookie } })).json()) as Me;
}

function invitationLinkIn(email: SentEmail | undefined): string {
  const match = /https:\/\/stax\.test\/auth\/invitation\?token=[\w-]+/.exec(email?.text ?? '');
  if (!match) throw new Error('no invitation link in the email');
  return match[0].slice(ORIGIN.length);
}

async function invite(cookie: string, email: string, role: string) {
  const outbox = captureEmails();
  const response = await call('/api/v1/members/invitations', withJson({ email, role }, { cookie }));
  vi.restoreAllMocks();
  return { response, outbox };
}

/** Opens an invitation link; answers the new session cookie. */
async function accept(link: string, cookie?: string): Promise<string> {
  const landing = await call(link, cookie ? { headers: { cookie } } : {});
  expect(landing.status).toBe(303);
  return (landing.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** Puts a workspace on the Team plan (10 members), as a paid Stripe subscription would. */
async function upgradeToTeam(workspaceId: string): Promise<void> {
  const now = new Date().toISOString();
  await testEnv.DB.prepare(
    `INSERT INTO billing_accounts (workspace_id, stripe_customer_id, plan, status, created_at,
      updated_at) VALUES (?, ?, 'team', 'active', ?, ?)`,
  )
    .bind(workspaceId, `cus_${workspaceId}`, now, now)
    .run();
}

let owner: { cookie: string; token: string };
let ownerMe: Me;

beforeAll(async () => {
  owner = await newWorkspace();
  ownerMe = await me(owner.cookie);
  await upgradeToTeam(ownerMe.workspace.id);
});

describe('POST /api/v1/members/invitations', () => {
  it('emails a single-use link that signs the invitee in as a member', async () => {
    const { response, outbox } = await invite(owner.cookie, 'New.Person@Example.com', 'admin');
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ email: 'new.person@example.com', role: 'admin' });
    expect(outbox.map((email) => [email.to, email.subject])).toEqual([
      [['new.person@example.com'], `You are invited to ${ownerMe.workspace.name} on Stax`],
    ]);
    const link = invitationLinkIn(outbox[0]);

    const cookie = await accept(link);
    const joined = await me(cookie);
    expect([joined.user?.email, joined.role, joined.workspace.id]).toEqual([
      'new.person@example.com',
      'admin',
      ownerMe.workspace.id,
    ]);
    const again = await call(link);
    expect(again.status).toBe(400);
  });

  it('adds the workspace to a user who already has one, who can then switch', async () => {
    const existing = await signIn('has-own@example.com');
    const ownWorkspace = (await me(existing.cookie)).workspace.id;
    const { outbox } = await invite(owner.cookie, 'has-own@example.com', 'viewer');

    const cookie = await accept(invitationLinkIn(outbox[0]), existing.cookie);
    expect((await me(cookie)).workspace.id).toBe(ownerMe.workspace.id);

    const listed = await call('/api/v1/workspaces', { headers: { cookie } });
    expect(await listed.json()).toEqual({
      current: ownerMe.workspace.id,
      workspaces: [
        { id: ownWorkspace, name: "has-own's workspace", role: 'owner' },
        { id: ownerMe.workspace.id, name: ownerMe.workspace.name, role: 'viewer' },
      ],
    });
    const switched = await call(`/api/v1/workspaces/${ownWorkspace}/switch`, {
      method: 'POST',
      headers: { cookie },
    });
    expect(await switched.json()).toEqual({ current: ownWorkspace });
    expect(await me(cookie)).toMatchObject({ role: 'owner', workspace: { id: ownWorkspace } });
  });

  it('refuses to switch to a workspace the user is not a member of', async () => {
    const stranger = await newWorkspace();
    const response = await call(`/api/v1/workspaces/${ownerMe.workspace.id}/switch`, {
      method: 'POST',
      headers: { cookie: stranger.cookie },
    });
    expect(response.status).toBe(404);
    expect((await me(stranger.cookie)).workspace.id).not.toBe(ownerMe.workspace.id);
  });

  it('answers 402 when the plan has no room for another member, and sends nothing', async () => {
    const free = await newWorkspace();
    const { response, outbox } = await invite(free.cookie, 'one-too-many@example.com', 'viewer');
    expect(response.status).toBe(402);
    expect(await response.json()).toMatchObject({ code: 'plan_limit' });
    expect(outbox).toEqual([]);
  });

  it('answers 409 for an address that is a member already', async () => {
    const ownerEmail = ownerMe.user?.email ?? '';
    const { response, outbox } = await invite(owner.cookie, ownerEmail, 'viewer');
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ code: 'conflict', field: 'email' });
    expect(outbox).toEqual([]);
  });

  it.each([
    [{ email: 'x@example.com' }, 'role'],
    [{ email: 'x@example.com', role: 'superuser' }, 'role'],
    [{ email: 'nope', role: 'viewer' }, 'email'],
    [{ email: 'x@example.com', role: 'viewer', workspaceId: 'wsp_x' }, 'workspaceId'],
  ])('answers 400 for %j naming %s', async (body, field) => {
    const response = await call('/api/v1/members/invitations', withJson(body, owner));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'validation_failed', field });
  });

  it('lists pending invitations and revokes one so its link stops working', async () => {
    const { response, outbox } = await invite(owner.cookie, 'revoke-me@example.com', 'viewer');
    const { id } = (await response.json()) as { id: string };
    const pending = await call('/api/v1/members/invitations', {
      headers: { cookie: owner.cookie },
    });
    const listed = (await pending.json()) as { invitations: Array<{ id: string }> };
    expect(listed.invitations.map((invitation) => invitation.id)).toContain(id);

    const revoked = await call(`/api/v1/members/invitations/${id}`, {
      method: 'DELETE',
      headers: { cookie: owner.cookie },
    });
    expect(revoked.status).toBe(204);
    expect((await call(invitationLinkIn(outbox[0]))).status).toBe(400);
  });

  it("answers 404 to another workspace's invitation id", async () => {
    const other = await newWorkspace();
    await upgradeToTeam((await me(other.cookie)).workspace.id);
    const { response } = await invite(other.cookie, 'theirs@example.com', 'viewer');
    const { id } = (await response.json()) as { id: string };
    const attempt = await call(`/api/v1/members/invitations/${id}`, {
      method: 'DELETE',
      headers: { cookie: owner.cookie },
    });
    expect(attempt.status).toBe(404);
    expect(await attempt.text()).not.toContain('theirs@example.com');
  });
});

describe('PATCH and DELETE /api/v1/members/:id', () => {
  it('never leaves a workspace without an owner', async () => {
    const solo = await newWorkspace();
    const soloMe = await me(solo.cookie);
    const userId = soloMe.user?.id ?? '';

    const demote = await call(
      `/api/v1/members/${userId}`,
      withJson({ role: 'admin' }, solo, 'PATCH'),
    );
    expect(demote.status).toBe(409);
    expect(await demote.json()).toMatchObject({
      code: 'conflict',
      title: 'A workspace keeps at least one owner.',
    });
    const remove = await call(`/api/v1/members/${userId}`, {
      method: 'DELETE',
      headers: { cookie: solo.cookie },
    });
    expect(remove.status).toBe(409);
    expect((await me(solo.cookie)).role).toBe('owner');
  });

  it('changes a role, and revokes the tokens of the member that outrank it', async () => {
    const { outbox } = await invite(owner.cookie, 'to-demote@example.com', 'admin');
    const memberCookie = await accept(invitationLinkIn(outbox[0]));
    const memberId = (await me(memberCookie)).user?.id ?? '';
    const made = await call(
      '/api/v1/tokens',
      withJson({ name: 'mine', role: 'admin' }, { cookie: memberCookie }),
    );
    const { token } = (await made.json()) as { token: string };

    const changed = await call(
      `/api/v1/members/${memberId}`,
      withJson({ role: 'viewer' }, owner, 'PATCH'),
    );
    expect(await changed.json()).toEqual({ userId: memberId, role: 'viewer' });
    expect((await me(memberCookie)).role).toBe('viewer');
    const withToken = await call('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect(withToken.status).toBe(401);
  });

  it('removes a member, ending their sessions and tokens in the workspace', async () => {
    const { outbox } = await invite(owner.cookie, 'to-remove@example.com', 'admin');
    const memberCookie = await accept(invitationLinkIn(outbox[0]));
    const memberId = (await me(memberCookie)).user?.id ?? '';
    const made = await call('/api/v1/tokens', withJson({ name: 'mine' }, { cookie: memberCookie }));
    const { token } = (await made.json()) as { token: string };

    const removed = await call(`/api/v1/members/${memberId}`, {
      method: 'DELETE',
      headers: { cookie: owner.cookie },
    });
    expect(removed.status).toBe(204);
    expect((await call('/api/v1/me', { headers: { cookie: memberCookie } })).status).toBe(401);
    expect(
      (await call('/api/v1/me', { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(401);
    const members = (await (
      await call('/api/v1/members', { headers: { cookie: owner.cookie } })
    ).json()) as {
      members: Array<{ email: string }>;
    };
    expect(members.members.map((member) => member.email)).not.toContain('to-remove@example.com');
  });

  it('lets a removed user sign in again, into a workspace of their own', async () => {
    const { outbox } = await invite(owner.cookie, 'only-invited@example.com', 'viewer');
    const memberCookie = await accept(invitationLinkIn(outbox[0]));
    const memberId = (await me(memberCookie)).user?.id ?? '';
    await call(`/api/v1/members/${memberId}`, {
      method: 'DELETE',
      headers: { cookie: owner.cookie },
    });

    const again = await signIn('only-invited@example.com');
    expect(await me(again.cookie)).toMatchObject({ role: 'owner', user: { id: memberId } });
  });

  it('answers 404 for a user who is not a member, even one of another workspace', async () => {
    const other = await newWorkspace();
    const otherId = (await me(other.cookie)).user?.id ?? '';
    const response = await call(
      `/api/v1/members/${otherId}`,
      withJson({ role: 'viewer' }, owner, 'PATCH'),
    );
    expect(response.status).toBe(404);
    expect((await me(other.cookie)).role).toBe('owner');
  });
});
