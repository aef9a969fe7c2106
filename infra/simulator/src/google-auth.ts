import {
  createHash,
  createVerify,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { KEY_MODES, type KeyMode } from './keys';
import type { Caller, SimResponse } from './provider';
import { jsonResponse } from './provider';
import { toJsonText } from './json-text';

/** Where a test or a newcomer gets a simulated service-account key file. */
export const SERVICE_ACCOUNT_PATH = '/_sim/google/service-account';
/** Scopes every assertion must ask for, as Stax does. */
const REQUIRED_SCOPES = [
  'https://www.googleapis.com/auth/cloud-billing.readonly',
  'https://www.googleapis.com/auth/bigquery.readonly',
];
const MAX_ASSERTION_SECONDS = 3600;
const TOKEN_LIFETIME_SECONDS = 3599;
const CLOCK_SKEW_SECONDS = 300;
const ORG = /^[a-z0-9]{1,30}$/;
const IN_TIMEFRAME = 'and in a reasonable timeframe.';

interface SimServiceAccount {
  readonly org: string;
  readonly mode: KeyMode | null;
  readonly keyId: string;
  readonly clientEmail: string;
  readonly privateKeyPem: string;
  readonly publicKey: KeyObject;
}

function clientEmail(org: string, mode: KeyMode | null): string {
  return `billing-reader${mode ? `-${mode}` : ''}@sim-${org}.iam.gserviceaccount.com`;
}

function tokenError(description: string): SimResponse {
  return jsonResponse(400, toJsonText({ error: 'invalid_grant', error_description: description }));
}

function decodeSegment(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? { ...value } : null;
  } catch {
    return null;
  }
}

/**
 * Google's service accounts and token endpoint: RSA key pairs made on first use (per org and
 * mode, per simulator), assertions checked for signature and claims, access tokens remembered.
 */
export class GoogleAuthority {
  private readonly accounts = new Map<string, SimServiceAccount>();
  private readonly tokens = new Map<string, Caller>();

  /** The key file of `org` (and mode), as Google's console downloads it. */
  keyFile(org: string, mode: KeyMode | null): Record<string, string> {
    const account = this.account(org, mode);
    return {
      type: 'service_account',
      project_id: `sim-${org}`,
      private_key_id: account.keyId,
      private_key: account.privateKeyPem,
      client_email: account.clientEmail,
      client_id: String(BigInt(`0x${account.keyId.slice(0, 15)}`)),
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: 'https://oauth2.googleapis.com/token',
      universe_domain: 'googleapis.com',
    };
  }

  /** `GET /_sim/google/service-account?org=acme[&mode=forbidden]`. */
  keyFileResponse(query: URLSearchParams): SimResponse {
    const org = query.get('org') ?? '';
    const modeText = query.get('mode');
    const mode = KEY_MODES.find((candidate) => candidate === modeText) ?? null;
    if (!ORG.test(org) || (modeText !== null && mode === null)) {
      return jsonResponse(
        400,
        toJsonText({ error: 'org must be [a-z0-9]{1,30}; mode a key mode' }),
      );
    }
    return jsonResponse(200, toJsonText(this.keyFile(org, mode)));
  }

  /** Who an access token belongs to, or null for a token it never issued. */
  callerOf(accessToken: string): Caller | null {
    return this.tokens.get(accessToken) ?? null;
  }

  /** `POST /token`: the JWT-bearer grant, checked as Google checks it. */
  exchange(formText: string, nowSeconds: number): SimResponse {
    const form = new URLSearchParams(formText);
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      return jsonResponse(400, toJsonText({ error: 'unsupported_grant_type' }));
    }
    const account = this.verify(form.get('assertion') ?? '', nowSeconds);
    if (typeof account === 'string') return tokenError(account);
    // A key deleted in the console answers like a bad signature.
    if (account.mode === 'unauthorized') return tokenError('Invalid JWT Signature.');

    const accessToken = `ya29.sim-${randomBytes(18).toString('base64url')}`;
    this.tokens.set(accessToken, { org: account.org, mode: account.mode });
    const body = {
      access_token: accessToken,
      expires_in: TOKEN_LIFETIME_SECONDS,
      token_type: 'Bearer',
    };
    return jsonResponse(200, toJsonText(body));
  }

  private verify(assertion: string, now: number): SimServiceAccount | string {
    const [header, claims, signature, extra] = assertion.split('.');
    if (!header || !claims || !signature || extra !== undefined) return 'Invalid JWT.';
    const head = decodeSegment(header);
    const body = decodeSegment(claims);
    if (head?.alg !== 'RS256' || typeof head.kid !== 'string' || !body) return 'Invalid JWT.';
    const account = [...this.accounts.values()].find((candidate) => candidate.keyId === head.kid);
    if (!account) return 'Invalid JWT Signature.';
    const verifier = createVerify('RSA-SHA256').update(`${header}.${claims}`);
    if (!verifier.verify(account.publicKey, Buffer.from(signature, 'base64url'))) {
      return 'Invalid JWT Signature.';
    }
    return this.checkClaims(account, body, now);
  }

  private checkClaims(
    account: SimServiceAccount,
    claims: Record<string, unknown>,
    now: number,
  ): SimServiceAccount | string {
    const { iss, aud, scope, iat, exp } = claims;
    if (iss !== account.clientEmail) return "Invalid JWT: iss is not the key's client_email.";
    if (typeof aud !== 'string' || !aud.endsWith('/token')) return 'Invalid JWT: aud.';
    const scopes = typeof scope === 'string' ? scope.split(' ') : [];
    if (!REQUIRED_SCOPES.every((wanted) => scopes.includes(wanted))) return 'Invalid JWT: scope.';
    if (typeof iat !== 'number' || typeof exp !== 'number') return 'Invalid JWT: iat and exp.';
    const inTime = iat <= now + CLOCK_SKEW_SECONDS && exp > now - CLOCK_SKEW_SECONDS;
    if (!inTime || exp - iat > MAX_ASSERTION_SECONDS) {
      return `Invalid JWT: Token must be a short-lived token (60 minutes) ${IN_TIMEFRAME}`;
    }
    return account;
  }

  private account(org: string, mode: KeyMode | null): SimServiceAccount {
    const name = `${org}:${mode ?? ''}`;
    const existing = this.accounts.get(name);
    if (existing) return existing;
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const account = {
      org,
      mode,
      keyId: createHash('sha1').update(`sim-key:${name}`).digest('hex'),
      clientEmail: clientEmail(org, mode),
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKey,
    };
    this.accounts.set(name, account);
    return account;
  }
}
