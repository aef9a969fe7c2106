const DAY_MS = 86_400_000;

/** The UTC day `offset` days from `date`, as YYYY-MM-DD. */
export function utcDay(date: Date, offset = 0): string {
  return new Date(date.getTime() + offset * DAY_MS).toISOString().slice(0, 10);
}

/** Every UTC day in [from, to). */
export function daysIn(from: string, to: string): string[] {
  const days: string[] = [];
  for (let time = Date.parse(`${from}T00:00:00Z`); time < Date.parse(`${to}T00:00:00Z`);) {
    days.push(new Date(time).toISOString().slice(0, 10));
    time += DAY_MS;
  }
  return days;
}

/** [from, to) cut into windows of at most `maxDays` days, as the gateway cuts a backfill. */
export function windowsOf(from: string, to: string, maxDays = 31) {
  const days = daysIn(from, to);
  const windows: Array<{ from: string; to: string }> = [];
  for (let start = 0; start < days.length; start += maxDays) {
    const end = days[start + maxDays] ?? to;
    windows.push({ from: days[start] ?? from, to: end });
  }
  return windows;
}
