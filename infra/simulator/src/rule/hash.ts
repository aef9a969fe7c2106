const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const utf8 = new TextEncoder();

/**
 * FNV-1a 32-bit of the parts joined with ':'. Every number in the data rule is drawn from this
 * one helper, so a test can recompute any value from the README alone.
 */
export function hash32(...parts: ReadonlyArray<string | number>): number {
  let hash = FNV_OFFSET_BASIS;
  for (const byte of utf8.encode(parts.join(':'))) {
    hash = Math.imul(hash ^ byte, FNV_PRIME);
  }
  return hash >>> 0;
}
