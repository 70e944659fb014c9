// Days (`YYYY-MM-DD`) are calendar days, not instants: they are read and
// shown so that no time zone shifts them by one.

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today's date on this computer, as `YYYY-MM-DD`. */
export function today(now: Date = new Date()): string {
  const y = String(now.getFullYear()).padStart(4, "0");
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

// One formatter per locale, made once. Each new Intl.DateTimeFormat costs
// WebKit about 50 KB of ICU memory that only a garbage collection gives
// back, and the timeline and search show a day on every row: a formatter
// per row grew the web process by 80 MB after a dozen searches.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(locale: string | undefined): Intl.DateTimeFormat {
  const key = locale ?? "";
  let format = dayFormats.get(key);
  if (format === undefined) {
    // A day is read and shown as UTC midnight, so no time zone shifts it.
    format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
    dayFormats.set(key, format);
  }
  return format;
}

/** "2026-05-01" → "1 May 2026" (in the given or the system's locale); anything else as it is. */
export function formatDay(day: string, locale?: string): string {
  const match = DAY.exec(day);
  if (!match) return day;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCDate() !== Number(d)) return day;
  return dayFormat(locale).format(date);
}

/** An instant (RFC 3339) as this computer's local day and time, e.g. "4 May 2026, 10:00"; anything else as it is.
 *  A new formatter each time, since it holds the time zone it was made in;
 *  instants are shown a few at a time (history, backups), not on every row. */
export function formatInstant(instant: string, locale?: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
}
