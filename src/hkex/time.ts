// HKEXnews writes times as "dd/mm/yyyy HH:MM" in Hong Kong time, which is UTC+8 all year.

const HKT_OFFSET_MS = 8 * 3600_000;
const HKT_PATTERN = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})$/;

/** "30/01/2023 19:02" (Hong Kong time) as an ISO instant, or null when it is not a real date and time. */
export function hktToIso(text: string): string | null {
  const m = HKT_PATTERN.exec(text.trim());
  if (!m) return null;
  const [day, month, year, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const local = new Date(Date.UTC(year, month - 1, day, hour, minute));
  // Date.UTC rolls 31/02 over into March; a real date survives the round trip.
  const real =
    local.getUTCFullYear() === year &&
    local.getUTCMonth() === month - 1 &&
    local.getUTCDate() === day &&
    local.getUTCHours() === hour &&
    local.getUTCMinutes() === minute;
  return real ? new Date(local.getTime() - HKT_OFFSET_MS).toISOString() : null;
}

/** An instant shifted so that its UTC fields read as Hong Kong wall-clock time. */
export function hktWallClock(instant: Date): Date {
  return new Date(instant.getTime() + HKT_OFFSET_MS);
}

/** The Hong Kong calendar day of an instant as yyyy-mm-dd. */
export function hktIsoDay(instant: Date): string {
  return hktWallClock(instant).toISOString().slice(0, 10);
}

/** The Hong Kong calendar day of an instant as yyyymmdd, the form the title search takes. */
export function hktDay(instant: Date): string {
  return hktIsoDay(instant).replaceAll('-', '');
}
