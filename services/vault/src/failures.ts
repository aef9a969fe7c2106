import { fail, type CredentialInfo, type Failure, type VaultFailureCode } from '@stax/contracts';
import type { z } from 'zod';
import type { OwnedRow } from './vault-deps';

type Failed<C extends VaultFailureCode> = { ok: false; error: Failure<C> };

// One message per code: callers can tell what went wrong, never where in the envelope.
export const notFound = (): Failed<'not_found'> => fail('not_found', 'no such credential');

export const kmsUnavailable = (): Failed<'kms_unavailable'> =>
  fail('kms_unavailable', 'the key service is unavailable; try again', { retryable: true });

export const auditUnavailable = (): Failed<'audit_unavailable'> =>
  fail('audit_unavailable', 'the audit log is unavailable; try again', { retryable: true });

export const decryptFailed = (): Failed<'decrypt_failed'> =>
  fail('decrypt_failed', 'the credential cannot be decrypted');

export const storageFailed = (): Failed<'storage_failed'> =>
  fail('storage_failed', 'the credential store is unavailable; try again', { retryable: true });

/** The fields at fault, never the values sent (one of them may be a secret). */
export function invalidRequest(error: z.ZodError): Failed<'invalid_request'> {
  const fields = new Set(error.issues.map((issue) => issue.path.join('.') || '(input)'));
  return fail('invalid_request', `invalid vault request: ${[...fields].join(', ')}`);
}

/** What a caller may learn about a stored credential. */
export function infoOf(row: OwnedRow): CredentialInfo {
  return {
    provider: row.provider,
    kekVersion: row.kekVersion,
    createdAt: row.createdAt,
    rotatedAt: row.rotatedAt,
  };
}
