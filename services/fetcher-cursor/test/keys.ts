// Simulated Cursor keys: `key_` + the team name in ASCII hex (56 characters) + a mode tag.
const MODE_TAGS = {
  none: '00000000',
  unauthorized: '00000401',
  forbidden: '00000403',
  error500: '00000500',
  ratelimited: '00000429',
} as const;

/** The simulator's key for a team, as `cursorSimulatorKey` of infra/simulator builds it. */
export function cursorKey(team: string, mode: keyof typeof MODE_TAGS = 'none'): string {
  const hex = Array.from(new TextEncoder().encode(team), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
  return `key_${hex.padEnd(56, '0')}${MODE_TAGS[mode]}`;
}
