/**
 * Response-time engine: when is the first response due? Pure functions over luxon DateTimes.
 *
 * Rules
 * - `24x7`: durations are exact elapsed time (one hour = 3,600 s, also across DST changes);
 *   weekends and holidays do not matter.
 * - `business`: only time inside local business hours counts. A holiday closes the whole local
 *   date. Closing time itself is outside (a case created at 17:00 starts counting at the next
 *   opening), but a due time may equal closing time.
 * - `next-day`: the end of the first service day after the local creation date: for `business`,
 *   closing time of the next business day (strictly after the creation date, even when the case
 *   was created before opening); for `24x7`, 24:00 of the next calendar day (00:00 of the day after).
 * - `none`: no due time (null), never breached.
 * All times are computed in the tenant's IANA zone and returned in that zone.
 */
import Holidays from 'date-holidays';
import { DateTime, Duration, IANAZone } from 'luxon';
import {
  AVAILABILITIES,
  OBJECTIVE_KINDS,
  businessHoursFor,
  parseHours,
  type ResponseObjective,
  type SupportPolicy,
} from './policy';

// ---------------------------------------------------------------------------------------------
// Business calendar
// ---------------------------------------------------------------------------------------------

export interface BusinessCalendarSpec {
  /** Local opening hours, "HH:MM-HH:MM" (closing may be 24:00), e.g. "09:00-17:00". */
  hours: string;
  /** ISO weekdays that are business days (1 = Monday … 7 = Sunday). */
  days: readonly number[];
  /** Local dates (YYYY-MM-DD) closed all day. */
  holidays?: readonly string[];
}

export interface BusinessCalendar {
  readonly hours: string;
  /** Opening and closing, in minutes after local midnight. */
  readonly openMinute: number;
  readonly closeMinute: number;
  readonly days: readonly number[];
  /** Is this local date (YYYY-MM-DD) a holiday? */
  isHoliday(isoDate: string): boolean;
  /** Is this local date (YYYY-MM-DD) a working day that is not a holiday? */
  isBusinessDay(isoDate: string): boolean;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isIsoDate(s: string): boolean {
  return ISO_DATE.test(s) && DateTime.fromISO(s, { zone: 'utc' }).isValid;
}

function makeCalendar(hours: string, days: readonly number[], isHoliday: (isoDate: string) => boolean): BusinessCalendar {
  const parsed = parseHours(hours);
  if (!parsed) throw new Error(`invalid business hours "${hours}" (expected HH:MM-HH:MM with opening before closing, e.g. 09:00-17:00)`);
  if (!days.length) throw new Error('a business calendar needs at least one business day');
  for (const d of days) {
    if (!Number.isInteger(d) || d < 1 || d > 7) throw new Error(`invalid business day ${String(d)} (ISO weekdays run 1 = Monday to 7 = Sunday)`);
  }
  const daySet = new Set(days);
  const sortedDays = Object.freeze([...daySet].sort((a, b) => a - b));
  return Object.freeze({
    hours,
    openMinute: parsed.open,
    closeMinute: parsed.close,
    days: sortedDays,
    isHoliday,
    isBusinessDay(isoDate: string): boolean {
      const date = DateTime.fromISO(isoDate, { zone: 'utc' });
      return daySet.has(date.weekday) && !isHoliday(isoDate);
    },
  });
}

/** A calendar from explicit hours, days and holiday dates. Throws on malformed input. */
export function businessCalendar(spec: BusinessCalendarSpec): BusinessCalendar {
  const holidays = new Set<string>();
  for (const h of spec.holidays ?? []) {
    if (!isIsoDate(h)) throw new Error(`invalid holiday "${h}" (expected a date YYYY-MM-DD)`);
    holidays.add(h);
  }
  return makeCalendar(spec.hours, spec.days, (d) => holidays.has(d));
}

/** Public holidays (local dates) of a country/subdivision for one year, from date-holidays. */
export function publicHolidays(country: string, year: number, opts: { state?: string; types?: readonly string[] } = {}): string[] {
  const types = opts.types ?? ['public'];
  const hd = opts.state ? new Holidays(country, opts.state) : new Holidays(country);
  const out = new Set<string>();
  for (const h of hd.getHolidays(year)) {
    if (!types.includes(h.type)) continue;
    const first = DateTime.fromISO(h.date.slice(0, 10), { zone: 'utc' });
    const span = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / 86_400_000));
    for (let i = 0; i < span; i++) out.add(first.plus({ days: i }).toISODate()!);
  }
  return [...out].sort();
}

/**
 * The calendar of a country (e.g. "FR", "US", "US-CA") as the policy describes it: its business
 * hours (or the default) and its public holidays from date-holidays, computed lazily for whatever
 * years are asked about. `presales: true` gives the pre-sales hours instead.
 */
export function calendarForCountry(
  policy: SupportPolicy,
  country: string | undefined,
  opts: { presales?: boolean } = {},
): BusinessCalendar {
  const spec = businessHoursFor(policy, country);
  const hours = opts.presales ? policy.presalesHours.hours : spec.hours;
  const days = opts.presales ? policy.presalesHours.days : spec.days;
  const source = opts.presales && !policy.presalesHours.holidays ? null : spec.holidays;
  if (!source) return makeCalendar(hours, days, () => false);
  const byYear = new Map<number, Set<string>>();
  const yearSet = (year: number): Set<string> => {
    let set = byYear.get(year);
    if (!set) {
      set = new Set(publicHolidays(source.country, year, { state: source.state, types: source.types }));
      byYear.set(year, set);
    }
    return set;
  };
  // A multi-day holiday may start in the previous year, hence the look at year - 1.
  return makeCalendar(hours, days, (d) => {
    const year = Number(d.slice(0, 4));
    return yearSet(year).has(d) || yearSet(year - 1).has(d);
  });
}

// ---------------------------------------------------------------------------------------------
// Instants and zones
// ---------------------------------------------------------------------------------------------

/** Throws an Error naming the zone when it is not a valid IANA time zone. */
export function assertTimeZone(timeZone: string): string {
  if (typeof timeZone !== 'string' || !timeZone.trim() || !IANAZone.isValidZone(timeZone)) {
    throw new Error(`invalid time zone "${String(timeZone)}" (expected an IANA zone such as Europe/Paris)`);
  }
  return timeZone;
}

const ISO_WITH_OFFSET = /^\d{4}-?\d{2}-?\d{2}[T ]\d{2}(?::?\d{2}(?::?\d{2}(?:[.,]\d+)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** Parses an ISO 8601 date-time that carries an offset (Z or ±hh:mm). Throws otherwise. */
export function parseInstant(value: string, what = 'time'): DateTime {
  const s = value.trim();
  const dt = DateTime.fromISO(s, { setZone: true });
  if (!dt.isValid) throw new Error(`invalid ${what} "${value}" (expected ISO 8601, e.g. 2025-06-03T10:15:00+02:00)`);
  if (!ISO_WITH_OFFSET.test(s)) throw new Error(`${what} "${value}" has no UTC offset (add Z or ±hh:mm, e.g. 2025-06-03T10:15:00+02:00)`);
  return dt;
}

function toInstant(value: DateTime | string, what: string): DateTime {
  if (typeof value === 'string') return parseInstant(value, what);
  if (!DateTime.isDateTime(value) || !value.isValid) throw new Error(`invalid ${what}`);
  return value;
}

/** ISO 8601 with seconds and the zone's offset, no milliseconds: 2025-06-03T11:15:00+02:00. */
export function formatInstant(dt: DateTime): string {
  return dt.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
}

/** The local instant at `minutes` after midnight of a calendar date (1440 = midnight of the day after). */
function atLocal(date: DateTime, minutes: number, zone: string): DateTime {
  const d = minutes >= 1440 ? date.plus({ days: Math.floor(minutes / 1440) }) : date;
  const m = minutes % 1440;
  return DateTime.fromObject(
    { year: d.year, month: d.month, day: d.day, hour: Math.floor(m / 60), minute: m % 60 },
    { zone },
  );
}

/** The local calendar date of an instant, as a UTC-midnight DateTime (safe for day arithmetic). */
function localDate(dt: DateTime): DateTime {
  return DateTime.utc(dt.year, dt.month, dt.day);
}

const MAX_DAYS = 3700; // about ten years: a calendar that never opens is a configuration error

function nextBusinessDate(from: DateTime, calendar: BusinessCalendar): DateTime {
  let d = from;
  for (let i = 0; i < MAX_DAYS; i++, d = d.plus({ days: 1 })) {
    if (calendar.isBusinessDay(d.toISODate()!)) return d;
  }
  throw new Error(`the business calendar has no open day within ${MAX_DAYS} days of ${from.toISODate()}`);
}

/** Adds `ms` of business time to `start` (already in `zone`). */
function addBusinessTime(start: DateTime, ms: number, calendar: BusinessCalendar, zone: string): DateTime {
  let remaining = ms;
  let cursor = start;
  let date = localDate(start);
  for (let i = 0; i < MAX_DAYS; i++, date = date.plus({ days: 1 })) {
    if (!calendar.isBusinessDay(date.toISODate()!)) continue;
    const open = atLocal(date, calendar.openMinute, zone);
    const close = atLocal(date, calendar.closeMinute, zone);
    const from = cursor > open ? cursor : open;
    if (from >= close) continue;
    const available = close.toMillis() - from.toMillis();
    if (remaining <= available) return from.plus({ milliseconds: remaining });
    remaining -= available;
    cursor = close;
  }
  throw new Error(`the business calendar has no open day within ${MAX_DAYS} days of ${start.toISODate()}`);
}

/** Milliseconds of business time between two instants (0 if `to` is not after `from`). */
export function businessMillisBetween(
  from: DateTime | string,
  to: DateTime | string,
  calendar: BusinessCalendar,
  timeZone: string,
): number {
  const zone = assertTimeZone(timeZone);
  const a = toInstant(from, 'start time').setZone(zone);
  const b = toInstant(to, 'end time').setZone(zone);
  let total = 0;
  for (let date = localDate(a), i = 0; date <= localDate(b) && i < 100_000; date = date.plus({ days: 1 }), i++) {
    if (!calendar.isBusinessDay(date.toISODate()!)) continue;
    const open = atLocal(date, calendar.openMinute, zone);
    const close = atLocal(date, calendar.closeMinute, zone);
    const s = Math.max(open.toMillis(), a.toMillis());
    const e = Math.min(close.toMillis(), b.toMillis());
    if (e > s) total += e - s;
  }
  return total;
}

// ---------------------------------------------------------------------------------------------
// Due time
// ---------------------------------------------------------------------------------------------

export interface DueTimeInput {
  /** When the case was created: a DateTime, or an ISO 8601 string with an offset. */
  created: DateTime | string;
  objective: ResponseObjective;
  /** The tenant's IANA time zone. */
  timeZone: string;
  calendar: BusinessCalendar;
}

/** When the first response is due, in the tenant's zone; null when there is no committed time. */
export function dueTime(input: DueTimeInput): DateTime | null {
  const zone = assertTimeZone(input.timeZone);
  const created = toInstant(input.created, 'creation time').setZone(zone);
  const { availability, objective } = input.objective;
  if (!(AVAILABILITIES as readonly string[]).includes(availability)) {
    throw new Error(`unknown availability "${String(availability)}" (expected ${AVAILABILITIES.join('|')})`);
  }
  if (!(OBJECTIVE_KINDS as readonly string[]).includes(objective)) {
    throw new Error(`unknown objective "${String(objective)}" (expected ${OBJECTIVE_KINDS.join('|')})`);
  }
  const calendar = input.calendar;

  if (objective === 'none') return null;

  if (objective === 'next-day') {
    const day = localDate(created);
    if (availability === '24x7') return atLocal(day.plus({ days: 2 }), 0, zone);
    const next = nextBusinessDate(day.plus({ days: 1 }), calendar);
    return atLocal(next, calendar.closeMinute, zone);
  }

  const ms = Duration.fromISO(objective).toMillis();
  if (availability === '24x7') return created.plus({ milliseconds: ms });
  return addBusinessTime(created, ms, calendar, zone);
}

/**
 * Has the objective been missed? `at` is the first response time, or now when there is none yet
 * (defaults to the current time). Responding exactly at the due time is on time; no due time is
 * never breached.
 */
export function isBreached(due: DateTime | null | undefined, at?: DateTime | string | null): boolean {
  if (!due) return false;
  const when = at == null ? DateTime.now() : toInstant(at, 'response time');
  return when.toMillis() > due.toMillis();
}
