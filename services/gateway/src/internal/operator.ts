import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { Env } from '../env';

export interface Operator {
  id: string;
}

// One JWKS fetcher per team domain and isolate; jose caches and refreshes the keys itself.
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function keySetOf(teamDomain: string) {
  let keySet = keySets.get(teamDomain);
  if (!keySet) {
    keySet = createRemoteJWKSet(new URL('/cdn-cgi/access/certs', teamDomain));
    keySets.set(teamDomain, keySet);
  }
  return keySet;
}

/**
 * Who the operator is, from a Cloudflare Access JWT verified against the team's JWKS and the
 * configured audience; in local development, from the operator token of .dev.vars. Null for
 * anyone else — and the caller answers them 404, as if nothing were here.
 */
export async function authenticateOperator(request: Request, env: Env): Promise<Operator | null> {
  const assertion = request.headers.get('cf-access-jwt-assertion');
  if (assertion && env.ACCESS_TEAM_DOMAIN && env.ACCESS_AUD) {
    return verifyAccessJwt(assertion, env.ACCESS_TEAM_DOMAIN, env.ACCESS_AUD);
  }
  const bearer = /^Bearer\s+(\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
  if (bearer && env.OPERATOR_TOKEN && (await sameSecret(bearer, env.OPERATOR_TOKEN))) {
    return { id: 'local-operator' };
  }
  return null;
}

async function verifyAccessJwt(jwt: string, teamDomain: string, audience: string) {
  try {
    const { payload } = await jwtVerify(jwt, keySetOf(teamDomain), {
      issuer: teamDomain,
      audience,
      algorithms: ['RS256'],
    });
    const id = typeof payload.email === 'string' ? payload.email : payload.sub;
    return id ? { id } : null;
  } catch {
    return null;
  }
}

// Compares digests, so the time taken says nothing about how much of the token matched.
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const digest = async (text: string) =>
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return difference === 0;
}
