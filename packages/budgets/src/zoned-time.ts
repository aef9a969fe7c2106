import { utcMidnightOf, type CivilDate } from './civil-date';

const SECOND_MS = 1000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

// Building a formatter costs far more than using one, and a workspace keeps its zone.
function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether the runtime knows an IANA time zone name. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterOf(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallClock extends CivilDate {
  hour: number;
  minute: number;
  second: number;
}

function wallClockAt(timeZone: string, instantMs: number): WallClock {
  const wall: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterOf(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type in wall) wall[part.type as keyof WallClock] = Number(part.value);
  }
  return wall;
}

/** The zone's offset from UTC at an instant, in milliseconds (east of Greenwich positive). */
export function offsetAt(timeZone: string, instantMs: number): number {
  const wall = wallClockAt(timeZone, instantMs);
  const wallAsUtc = Date.UTC(
    wall.year,
    wall.month - 1,
    wall.day,
    wall.hour,
    wall.minute,
    wall.second,
  );
  return wallAsUtc - (instantMs - mod(instantMs, SECOND_MS));
}

/** The calendar date in a zone at an instant. */
export function localDateAt(timeZone: string, instantMs: number): CivilDate {
  const { year, month, day } = wallClockAt(timeZone, instantMs);
  return { year, month, day };
}

/**
 * The first instant of a local calendar day, in epoch milliseconds. Where midnight is repeated
 * (clocks set back at midnight) that is the earlier midnight; where midnight does not exist
 * (clocks set forward at midnight, as in Chile or Cuba) the day begins when the clocks jump.
 */
export function startOfLocalDay(date: CivilDate, timeZone: string): number {
  const wallMs = utcMidnightOf(date);
  // Offsets a day either side: real zones never change twice within that span.
  const offsetBefore = offsetAt(timeZone, wallMs - DAY_MS);
  const offsetAfter = offsetAt(timeZone, wallMs + DAY_MS);
  const candidates = [wallMs - offsetBefore, wallMs - offsetAfter]
    .filter((instant) => instant + offsetAt(timeZone, instant) === wallMs)
    .sort((a, b) => a - b);
  const earliest = candidates[0];
  if (earliest !== undefined) return earliest;
  return firstInstantWithOffset(timeZone, wallMs - offsetAfter, wallMs - offsetBefore, offsetAfter);
}

// Midnight fell into a gap: between `before` (still the old offset) and `after` (already the
// new one) lies the transition; find it to the second.
function firstInstantWithOffset(
  timeZone: string,
  before: number,
  after: number,
  newOffset: number,
): number {
  let low = before;
  let high = after;
  while (high - low > SECOND_MS) {
    const middle = low + Math.floor((high - low) / 2 / SECOND_MS) * SECOND_MS;
    if (offsetAt(timeZone, middle) === newOffset) high = middle;
    else low = middle;
  }
  return high;
}

function mod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}
