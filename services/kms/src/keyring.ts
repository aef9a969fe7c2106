import { base64ToBytes, importAesKey } from '@stax/envelope';
import type { KekConfig } from './env';

/**
 * The KEKs of this isolate, imported once as non-extractable keys. Nothing can read a KEK
 * back out of a CryptoKey made this way, not even this Worker.
 */
export class Keyring {
  private readonly keys = new Map<number, Promise<CryptoKey>>();

  constructor(private readonly config: KekConfig) {}

  get currentVersion(): number {
    return this.config.currentVersion;
  }

  /** Whether a version may still unwrap. */
  isRetired(version: number): boolean {
    return version < this.config.minVersion;
  }

  has(version: number): boolean {
    return this.config.secrets.has(version);
  }

  /** The imported KEK of a version; the caller checks `has` and `isRetired` first. */
  key(version: number): Promise<CryptoKey> {
    let key = this.keys.get(version);
    if (!key) {
      const secret = this.config.secrets.get(version);
      if (secret === undefined) throw new Error(`no KEK of version ${version}`);
      key = importAesKey(base64ToBytes(secret));
      this.keys.set(version, key);
    }
    return key;
  }
}
