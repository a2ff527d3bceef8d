/**
 * Timezones in calendar files: the instant of a wall-clock time, and the VTIMEZONE that tells a
 * calendar app how a timezone's offset changes over the span a calendar covers.
 *
 * Both are worked out from this runtime's own timezone data (Intl), the data the Worker also uses
 * for due dates and meeting times, so the file and the Worker cannot disagree and nothing has to
 * be downloaded or bundled. The VTIMEZONE is written here rather than taken from a package: the
 * ones that ship VTIMEZONE data do not fit. `@touch4it/ical-timezones` reads its files with
 * `node:fs`, which workerd does not have, and its data is of 2018. `timezones-ical-library`
 * reduces each zone to yearly rules, so a zone whose changes follow none comes out wrong (its
 * Africa/Casablanca is +00:00 all year, where the tz database has +01:00 outside Ramadan until
 * September 2026), and it answers an alias with its canonical name (Asia/Calcutta as TZID
 * Asia/Kolkata), which leaves the events' TZID without a definition. `tzScan` of `@date-fns/tz`
 * samples a month apart and to the whole UTC hour, so two changes within a month can go unseen,
 * and Lord Howe's October change (02:00 at UTC+10:30, 15:30Z) comes out at 16:00Z.
 */
import { isIsoDate } from './weeks.ts';

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The UTC offset, in ms, of a timezone at an instant (local wall time minus UTC). */
export function offsetAt(ms: number, timezone: string): number {
  let format = formatters.get(timezone);
  if (!format) {
    const options = { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' } as const;
    format = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', ...options });
    formatters.set(timezone, format);
  }
  const parts = format.formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant at which a wall-clock time happens in a timezone. A time repeated when clocks go back
 * is its first occurrence; a time skipped when clocks go forward is moved forward by the gap (the
 * instant RFC 5545 §3.3.5 gives a skipped local time, read with the offset before the gap).
 */
export function zonedTimeToUtc(date: string, time: string, timezone: string): Date {
  if (!isIsoDate(date) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) throw new RangeError(`Not a local date and time: ${date} ${time}`);
  const wall = Date.parse(`${date}T${time}:00Z`);
  const before = offsetAt(wall - DAY_MS, timezone);
  const after = offsetAt(wall + DAY_MS, timezone);
  const valid = [wall - before, wall - after].filter((ms) => offsetAt(ms, timezone) === wall - ms);
  return new Date(valid.length ? Math.min(...valid) : wall - before);
}

/**
 * The name to write as a calendar's TZID: the IANA Area/Location name as the runtime spells it
 * (Intl's canonical one, e.g. "europe/london" as Europe/London). Null to write times in UTC, exact
 * instants all the same: for UTC itself, and for anything else Intl accepts, such as a fixed
 * offset "+01:00" (its colon would end a TZID parameter).
 */
export function calendarTzid(timezone: string): string | null {
  const name = new Intl.DateTimeFormat('en', { timeZone: timezone }).resolvedOptions().timeZone;
  return /^[A-Za-z][\w+-]*(\/[\w+-]+)+$/.test(name) && !/^Etc\/(UTC|UCT|Universal|Zulu|GMT|Greenwich)$/.test(name) ? name : null;
}

/** A change of a timezone's offset: the instant, and the offsets before and after (ms). */
export interface OffsetChange {
  at: number;
  from: number;
  to: number;
}

/**
 * The changes of a timezone's offset from one instant to another, each to the second: the offset
 * is read a day apart and, where it differs, the change is found by halving. No timezone changes
 * its offset twice in a day.
 */
export function offsetChanges(timezone: string, from: Date, to: Date): OffsetChange[] {
  const changes: OffsetChange[] = [];
  const end = to.getTime();
  let at = Math.floor(from.getTime() / 1000) * 1000;
  let offset = offsetAt(at, timezone);
  while (at < end) {
    const next = Math.min(at + DAY_MS, end);
    if (offsetAt(next, timezone) === offset) {
      at = next;
      continue;
    }
    let [before, after] = [at, next];
    while (after - before > 1000) {
      const mid = before + Math.floor((after - before) / 2000) * 1000;
      if (offsetAt(mid, timezone) === offset) before = mid;
      else after = mid;
    }
    const changed = offsetAt(after, timezone);
    changes.push({ at: after, from: offset, to: changed });
    [at, offset] = [after, changed];
  }
  return changes;
}

/** An offset as iCalendar's UTC-OFFSET (§3.3.14): +0100, -0330, +054500 with seconds. */
function utcOffset(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60].map((n) => String(n).padStart(2, '0'));
  return `${ms < 0 ? '-' : '+'}${h}${m}${s === '00' ? '' : s}`;
}

/** Local date-time in iCalendar's basic form, e.g. 20261025T020000. */
const localBasic = (ms: number) => new Date(ms).toISOString().replace(/[-:]|\.\d{3}Z$/g, '');

/** Whether an offset is the zone's summer time: more than the lesser of its January and July offsets that year. */
function isDaylight(timezone: string, at: number, offset: number): boolean {
  const year = new Date(at).getUTCFullYear();
  return offset > Math.min(offsetAt(Date.UTC(year, 0, 1), timezone), offsetAt(Date.UTC(year, 6, 1), timezone));
}

/**
 * The VTIMEZONE of a timezone from `from` to `to`: the observance in force at `from`, then one per
 * change of offset, each with its onset in local time before the change (RFC 5545 §3.6.5). It lists
 * the changes themselves rather than yearly rules, so it is exact for any zone, and it only has to
 * cover the span of the calendar's events.
 */
export function vtimezone(timezone: string, from: Date, to: Date): string {
  const start = Math.floor(from.getTime() / 1000) * 1000;
  const first = offsetAt(start, timezone);
  const observances = [{ at: start, from: first, to: first }, ...offsetChanges(timezone, new Date(start), to)];
  const lines = observances.flatMap(({ at, from, to }) => {
    const kind = isDaylight(timezone, at, to) ? 'DAYLIGHT' : 'STANDARD';
    return [`BEGIN:${kind}`, `DTSTART:${localBasic(at + from)}`, `TZOFFSETFROM:${utcOffset(from)}`, `TZOFFSETTO:${utcOffset(to)}`, `END:${kind}`];
  });
  return ['BEGIN:VTIMEZONE', `TZID:${timezone}`, ...lines, 'END:VTIMEZONE'].join('\r\n');
}
