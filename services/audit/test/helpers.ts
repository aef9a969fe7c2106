import { env } from 'cloudflare:workers';
import { createExecutionContext } from 'cloudflare:test';
import { newId, type AuditAppend, type AuditEvent } from '@stax/contracts';
import { AuditEntrypoint } from '../src/index';
import { eventKey, headKey } from '../src/object-keys';

/** The audit entrypoint over the test bucket. */
export function audit(): AuditEntrypoint {
  return new AuditEntrypoint(createExecutionContext(), env);
}

/** A valid append for a workspace, with fields overridden. */
export function appendInput(
  workspaceId: string,
  overrides: Partial<AuditAppend> = {},
): AuditAppend {
  return {
    workspaceId,
    action: 'credential.revealed',
    outcome: 'success',
    actor: { type: 'system', id: 'fetcher-openai' },
    connectionId: 'con_aaaaaaaaaaaaaaaaaaaa',
    requestId: 'req-1',
    detail: { purpose: 'sync' },
    ...overrides,
  };
}

/** Appends `count` events to a fresh workspace and returns its id. */
export async function workspaceWithEvents(count: number): Promise<string> {
  const workspaceId = newId('wsp');
  for (let index = 0; index < count; index += 1) {
    const appended = await audit().append(appendInput(workspaceId, { detail: { index } }));
    if (!appended.ok) throw new Error(`append failed: ${appended.error.code}`);
  }
  return workspaceId;
}

/** The raw text of a stored event, as a tamperer would see it. */
export async function storedText(workspaceId: string, seq: number): Promise<string> {
  const object = await env.AUDIT_BUCKET.get(eventKey(workspaceId, seq));
  if (!object) throw new Error(`no event ${seq}`);
  return object.text();
}

/** The stored event, parsed without checks. */
export async function storedEvent(workspaceId: string, seq: number): Promise<AuditEvent> {
  return JSON.parse(await storedText(workspaceId, seq)) as AuditEvent;
}

/** Overwrites an event object directly in the bucket, bypassing the Worker. */
export async function overwriteEvent(
  workspaceId: string,
  seq: number,
  text: string,
): Promise<void> {
  await env.AUDIT_BUCKET.put(eventKey(workspaceId, seq), text);
}

/** Sets the head hint directly, as an attacker or a stale writer would. */
export async function setHeadHint(workspaceId: string, seq: number, hash: string): Promise<void> {
  await env.AUDIT_BUCKET.put(headKey(workspaceId), JSON.stringify({ v: 1, seq, hash }));
}
