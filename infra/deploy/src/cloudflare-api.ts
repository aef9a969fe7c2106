import { z } from 'zod';

const API = 'https://api.cloudflare.com/client/v4';

const ZonesSchema = z.object({
  success: z.boolean(),
  result: z.array(z.object({ id: z.string(), name: z.string() })),
});
const SettingSchema = z.object({ success: z.boolean(), result: z.object({ value: z.string() }) });

async function call(token: string, path: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(`${API}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
  if (!response.ok) throw new Error(`Cloudflare API ${path}: HTTP ${response.status}`);
  return response.json();
}

/**
 * Sets the zone's minimum TLS version to 1.3 (no API in wrangler does). Needs an API token with
 * Zone Settings: Edit on the zone, in CLOUDFLARE_API_TOKEN.
 */
export async function requireTls13(token: string, zoneName: string): Promise<void> {
  const zones = ZonesSchema.parse(await call(token, `/zones?name=${encodeURIComponent(zoneName)}`));
  const zone = zones.result.find((candidate) => candidate.name === zoneName);
  if (!zone) throw new Error(`zone ${zoneName} is not in this account`);
  const body = JSON.stringify({ value: '1.3' });
  const path = `/zones/${zone.id}/settings/min_tls_version`;
  const setting = SettingSchema.parse(await call(token, path, { method: 'PATCH', body }));
  if (setting.result.value !== '1.3') throw new Error('the zone did not take TLS 1.3');
}
