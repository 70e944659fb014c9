// Days (`YYYY-MM-DD`) are calendar days, not instants: they are read and
// shown in local time components so that no time zone shifts them by one.

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today's date on this computer, as `YYYY-MM-DD`. */
export function today(now: Date = new Date()): string {
  const y = String(now.getFullYear()).padStart(4, "0");
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

/** "2026-05-01" → "1 May 2026" (in the given or the system's locale); anything else as it is. */
export function formatDay(day: string, locale?: string): string {
  const match = DAY.exec(day);
  if (!match) return day;
  const [, y, m, d] = match;
  const date = new Date(Number(y), Number(m) - 1, Number(d));
  if (date.getDate() !== Number(d)) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(date);
}

/** An instant (RFC 3339) as this computer's local day and time, e.g. "4 May 2026, 10:00"; anything else as it is. */
export function formatInstant(instant: string, locale?: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
}
