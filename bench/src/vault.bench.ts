import { newDriver, type BenchContext } from './context';
import type { Driver } from './driver';
import { num, ratio, type ResultRow } from './report';
import { opsPerSecond, summarize, timeEach } from './stats';

const ITERATIONS = 500;
const WARMUP = 20;
const CONCURRENCY = 8;

interface CredentialRef {
  workspaceId: string;
  connectionId: string;
}

/**
 * `vault.reveal` (audit append to R2 first, KMS unwrap, AES-GCM decrypt) against
 * `vault.describe` (the same RPC and D1 read, without audit or KMS), both through the driver.
 */
async function storedCredential(driver: Driver): Promise<CredentialRef> {
  const tenant = await driver.json<{ workspaceId: string; connections: Array<{ id: string }> }>(
    '/_bench/tenant',
    { body: { providers: ['openai'] } },
  );
  const ref = { workspaceId: tenant.workspaceId, connectionId: tenant.connections[0]?.id ?? '' };
  await driver.json('/_bench/credential', { body: { ...ref, secret: 'sk-admin-sim-vaultbench' } });
  return ref;
}

export async function benchVault(context: BenchContext): Promise<ResultRow[]> {
  const driver = newDriver(context);
  // One credential per caller in flight: each workspace's audit chain takes one append at a
  // time, so concurrent reveals of one workspace are refused as contention, by design.
  const refs: CredentialRef[] = [];
  for (let index = 0; index < CONCURRENCY; index += 1) refs.push(await storedCredential(driver));
  const first = refs[0] ?? { workspaceId: '', connectionId: '' };
  const refOf = (caller: number) => refs[caller] ?? first;

  context.progress('vault: reveal and describe');
  const reveal = (ref: CredentialRef) => driver.expectOk('/_bench/reveal', { body: ref });
  const describe = (ref: CredentialRef) => driver.expectOk('/_bench/describe', { body: ref });
  const revealLatency = summarize(await timeEach(ITERATIONS, WARMUP, () => reveal(first)));
  const describeLatency = summarize(await timeEach(ITERATIONS, WARMUP, () => describe(first)));
  const revealRate = await opsPerSecond(ITERATIONS, CONCURRENCY, (caller) => reveal(refOf(caller)));
  const describeRate = await opsPerSecond(ITERATIONS, CONCURRENCY, (caller) =>
    describe(refOf(caller)),
  );
  return [
    {
      benchmark: '5. vault reveal (audit + KMS + decrypt)',
      measure: `p50 / p99 ms (sequential); ops/s with ${CONCURRENCY} in flight`,
      value: `${num(revealLatency.p50, 1)} / ${num(revealLatency.p99, 1)}; ${num(revealRate)} ops/s`,
      limit: `describe ${num(describeLatency.p50, 1)} / ${num(describeLatency.p99, 1)}; ${num(describeRate)} ops/s`,
      ratio: ratio(revealRate / describeRate),
      target: '—',
      verdict: '—',
    },
  ];
}
