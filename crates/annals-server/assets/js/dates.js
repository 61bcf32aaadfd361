// Entry dates are ISO days ("1920-06-04", "-0043-01-01" for 44 BC). new Date()
// parses neither years below 100 nor signed years reliably, so build them by hand.

/** Date (UTC midnight) for an ISO day, or null when it does not parse. */
export function isoDay(s) {
  const m = /^([+-]?\d{1,6})-(\d{2})-(\d{2})/.exec(String(s || ''));
  if (!m) return null;
  const d = new Date(0);
  // setUTCFullYear keeps years 0..99 as they are (the Date constructor maps them to 19xx).
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  d.setUTCHours(0, 0, 0, 0);
  return d;
}

/** A filter value (YYYY, YYYY-MM or YYYY-MM-DD, optionally signed) or null if malformed. */
export function validFilterDate(s) {
  const t = String(s || '').trim();
  return /^[+-]?\d{1,6}(-\d{2}(-\d{2})?)?$/.test(t) ? t : null;
}

/** Granularities drawn as a point; everything coarser (or with a mod) is a range. */
const POINT_GRANULARITIES = new Set(['day', 'time']);

/** Whether an entry is a vague date that should be drawn from start to end. */
export function isVague(entry) {
  return !POINT_GRANULARITIES.has(entry.granularity) || (entry.mod !== null && entry.mod !== undefined);
}
