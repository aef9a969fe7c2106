export { parseMicros, formatMicros, addMicros, MICROS_PER_UNIT } from './micros';
export type { DecimalScale } from './micros';
