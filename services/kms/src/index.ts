import { WorkerEntrypoint } from 'cloudflare:workers';
import {
  fail,
  ok,
  type KmsApi,
  type KmsFailureCode,
  type Result,
  type WrappedKey,
} from '@stax/contracts';
import { openAesGcm, sealAesGcm, utf8 } from '@stax/envelope';
import { createLogger } from '@stax/log';
import { readKekConfig, type Env } from './env';
import { Keyring } from './keyring';

const log = createLogger('kms');

let cached: { env: Env; keyring: Keyring } | undefined;

function keyringFor(env: Env): Keyring {
  if (cached?.env !== env) cached = { env, keyring: new Keyring(readKekConfig(env)) };
  return cached.keyring;
}

// The additional data of a wrap names the KEK version and the owner of the data key.
function wrapAad(kekVersion: number, context: string): Uint8Array {
  return utf8(`stax/kms/v1|kek:${kekVersion}|${context}`);
}

/** Wraps and unwraps data keys; no method returns or logs a KEK. */
export class KmsEntrypoint extends WorkerEntrypoint<Env> implements KmsApi {
  async wrap(dataKey: Uint8Array, context: string): Promise<Result<WrappedKey, KmsFailureCode>> {
    const keyring = keyringFor(this.env);
    const kekVersion = keyring.currentVersion;
    const kek = await keyring.key(kekVersion);
    const wrapped = await sealAesGcm(kek, dataKey, wrapAad(kekVersion, context));
    return ok({ kekVersion, wrapped });
  }

  async unwrap(key: WrappedKey, context: string): Promise<Result<Uint8Array, KmsFailureCode>> {
    const keyring = keyringFor(this.env);
    if (!keyring.has(key.kekVersion)) {
      log.warn('unwrap refused: unknown KEK version', { kekVersion: key.kekVersion });
      return fail('unknown_kek_version', 'the data key is wrapped under an unknown KEK');
    }
    if (keyring.isRetired(key.kekVersion)) {
      log.warn('unwrap refused: retired KEK version', { kekVersion: key.kekVersion });
      return fail('retired_kek_version', 'the data key is wrapped under a retired KEK');
    }
    const kek = await keyring.key(key.kekVersion);
    const dataKey = await openAesGcm(kek, key.wrapped, wrapAad(key.kekVersion, context));
    if (!dataKey) return fail('unwrap_failed', 'the wrapped data key does not authenticate');
    return ok(dataKey);
  }

  async rewrap(key: WrappedKey, context: string): Promise<Result<WrappedKey, KmsFailureCode>> {
    const unwrapped = await this.unwrap(key, context);
    if (!unwrapped.ok) return unwrapped;
    return this.wrap(unwrapped.value, context);
  }

  async currentVersion(): Promise<number> {
    return keyringFor(this.env).currentVersion;
  }
}

export default {
  // No HTTP surface: a request that somehow reaches this Worker learns nothing.
  async fetch(): Promise<Response> {
    return new Response(null, { status: 404 });
  },
} satisfies ExportedHandler<Env>;
