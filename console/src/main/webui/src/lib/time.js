// Times as people read them: relative when recent ("há 3 min"), otherwise in the organisation's time zone.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function relative(iso, locale, timeZone, now = Date.now()) {
  if (!iso) return '';
  const at = new Date(iso).getTime();
  const ago = now - at;
  const words = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  if (ago < MINUTE) return words.format(0, 'second');
  if (ago < HOUR) return words.format(-Math.floor(ago / MINUTE), 'minute');
  if (ago < DAY) return words.format(-Math.floor(ago / HOUR), 'hour');
  return clock(iso, locale, timeZone, { day: '2-digit', month: '2-digit' });
}

export function clock(iso, locale, timeZone, parts = { hour: '2-digit', minute: '2-digit' }) {
  if (!iso) return '';
  try {
    return new Intl.DateTimeFormat(locale, { timeZone, ...parts }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(locale, parts).format(new Date(iso));
  }
}

/** What is left of a period that ends at `iso`, as "5 h 12 min", or null once it is over. */
export function remaining(iso, now = Date.now()) {
  if (!iso) return null;
  const left = new Date(iso).getTime() - now;
  if (left <= 0) return null;
  const hours = Math.floor(left / HOUR);
  const minutes = Math.floor((left % HOUR) / MINUTE);
  return hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min`;
}
