import fc from 'fast-check';
import { DateTime } from 'luxon';
import { loadPolicy, type ObjectiveKind, type Availability, type ResponseObjective } from '../../cases/policy';
import {
  businessCalendar,
  businessMillisBetween,
  calendarForCountry,
  dueTime,
  formatInstant,
  isBreached,
  publicHolidays,
  type BusinessCalendar,
} from '../../cases/sla';
import { parseDays, slaCommand } from '../../cases/sla-cli';

const policy = loadPolicy();
const WEEKDAYS = businessCalendar({ hours: '09:00-17:00', days: [1, 2, 3, 4, 5] });
const EVERY_DAY = businessCalendar({ hours: '09:00-17:00', days: [1, 2, 3, 4, 5, 6, 7] });
const FR = calendarForCountry(policy, 'FR');
const US = calendarForCountry(policy, 'US');

function due(
  availability: Availability,
  objective: ObjectiveKind,
  created: string,
  timeZone = 'Europe/Paris',
  calendar: BusinessCalendar = WEEKDAYS,
): string | null {
  const d = dueTime({ created, objective: { availability, objective }, timeZone, calendar });
  return d ? formatInstant(d) : null;
}

describe('dueTime: the required examples', () => {
  const may1 = businessCalendar({ hours: '09:00-17:00', days: [1, 2, 3, 4, 5], holidays: ['2025-05-01'] });
  test.each<[Availability, ObjectiveKind, string, string, BusinessCalendar, string | null]>([
    ['24x7', 'PT1H', '2025-06-03T10:15:00+02:00', 'Europe/Paris', WEEKDAYS, '2025-06-03T11:15:00+02:00'],
    ['24x7', 'PT1H', '2025-03-09T01:30:00-05:00', 'America/New_York', WEEKDAYS, '2025-03-09T03:30:00-04:00'],
    ['24x7', 'next-day', '2025-06-02T10:00:00+02:00', 'Europe/Paris', WEEKDAYS, '2025-06-04T00:00:00+02:00'],
    ['24x7', 'next-day', '2025-06-02T22:30:00Z', 'Europe/Paris', WEEKDAYS, '2025-06-05T00:00:00+02:00'],
    ['business', 'PT4H', '2025-06-13T18:30:00+02:00', 'Europe/Paris', WEEKDAYS, '2025-06-16T13:00:00+02:00'],
    ['business', 'PT1H', '2025-06-03T17:00:00+02:00', 'Europe/Paris', WEEKDAYS, '2025-06-04T10:00:00+02:00'],
    ['business', 'PT4H', '2025-06-03T13:00:00+02:00', 'Europe/Paris', WEEKDAYS, '2025-06-03T17:00:00+02:00'],
    ['business', 'PT2H', '2025-04-30T16:00:00+02:00', 'Europe/Paris', may1, '2025-05-02T10:00:00+02:00'],
    ['business', 'next-day', '2025-06-02T16:59:00+02:00', 'Europe/Paris', WEEKDAYS, '2025-06-03T17:00:00+02:00'],
    ['24x7', 'none', '2025-06-02T16:59:00+02:00', 'Europe/Paris', WEEKDAYS, null],
    ['business', 'none', '2025-06-02T16:59:00+02:00', 'Europe/Paris', WEEKDAYS, null],
  ])('%s %s from %s in %s', (availability, objective, created, zone, calendar, expected) => {
    expect(due(availability, objective, created, zone, calendar)).toBe(expected);
  });

  test('the May-1st example also holds with the French calendar from date-holidays', () => {
    expect(due('business', 'PT2H', '2025-04-30T16:00:00+02:00', 'Europe/Paris', FR)).toBe('2025-05-02T10:00:00+02:00');
  });

  test('accepts a luxon DateTime as well as a string, and returns it in the tenant zone', () => {
    const created = DateTime.fromISO('2025-06-03T08:15:00Z', { zone: 'utc' });
    const d = dueTime({ created, objective: { availability: '24x7', objective: 'PT1H' }, timeZone: 'Europe/Paris', calendar: WEEKDAYS });
    expect(d?.zoneName).toBe('Europe/Paris');
    expect(d && formatInstant(d)).toBe('2025-06-03T11:15:00+02:00');
  });
});

describe('dueTime: DST in Europe/Paris (30 March and 26 October 2025)', () => {
  test.each<[Availability, ObjectiveKind, string, BusinessCalendar, string]>([
    // spring forward: 02:00 → 03:00
    ['24x7', 'PT1H', '2025-03-30T01:30:00+01:00', WEEKDAYS, '2025-03-30T03:30:00+02:00'],
    ['24x7', 'PT2H', '2025-03-30T01:00:00+01:00', WEEKDAYS, '2025-03-30T04:00:00+02:00'],
    ['24x7', 'next-day', '2025-03-29T12:00:00+01:00', WEEKDAYS, '2025-03-31T00:00:00+02:00'],
    ['24x7', 'next-day', '2025-03-30T10:00:00+02:00', WEEKDAYS, '2025-04-01T00:00:00+02:00'],
    ['business', 'PT2H', '2025-03-28T16:00:00+01:00', WEEKDAYS, '2025-03-31T10:00:00+02:00'],
    ['business', 'next-day', '2025-03-28T12:00:00+01:00', WEEKDAYS, '2025-03-31T17:00:00+02:00'],
    ['business', 'next-day', '2025-03-29T12:00:00+01:00', EVERY_DAY, '2025-03-30T17:00:00+02:00'],
    // a business day on the change still opens 09:00–17:00 local
    ['business', 'PT4H', '2025-03-30T08:00:00+02:00', EVERY_DAY, '2025-03-30T13:00:00+02:00'],
    ['business', 'PT4H', '2025-03-29T16:00:00+01:00', EVERY_DAY, '2025-03-30T12:00:00+02:00'],
    // fall back: 03:00 → 02:00
    ['24x7', 'PT1H', '2025-10-26T02:30:00+02:00', WEEKDAYS, '2025-10-26T02:30:00+01:00'],
    ['24x7', 'PT1H', '2025-10-26T01:30:00+02:00', WEEKDAYS, '2025-10-26T02:30:00+02:00'],
    ['24x7', 'next-day', '2025-10-25T12:00:00+02:00', WEEKDAYS, '2025-10-27T00:00:00+01:00'],
    ['business', 'PT2H', '2025-10-24T16:00:00+02:00', WEEKDAYS, '2025-10-27T10:00:00+01:00'],
    ['business', 'next-day', '2025-10-24T18:00:00+02:00', WEEKDAYS, '2025-10-27T17:00:00+01:00'],
    ['business', 'PT4H', '2025-10-26T10:00:00+01:00', EVERY_DAY, '2025-10-26T14:00:00+01:00'],
  ])('%s %s from %s', (availability, objective, created, calendar, expected) => {
    expect(due(availability, objective, created, 'Europe/Paris', calendar)).toBe(expected);
  });

  test('24x7 next-day across the change is 35 h / 37 h of elapsed time, not 36 h', () => {
    const spring = dueTime({ created: '2025-03-29T12:00:00+01:00', objective: { availability: '24x7', objective: 'next-day' }, timeZone: 'Europe/Paris', calendar: WEEKDAYS })!;
    expect(spring.diff(DateTime.fromISO('2025-03-29T12:00:00+01:00'), 'hours').hours).toBe(35);
    const autumn = dueTime({ created: '2025-10-25T12:00:00+02:00', objective: { availability: '24x7', objective: 'next-day' }, timeZone: 'Europe/Paris', calendar: WEEKDAYS })!;
    expect(autumn.diff(DateTime.fromISO('2025-10-25T12:00:00+02:00'), 'hours').hours).toBe(37);
  });

  test('business hours that contain the change count elapsed time (the missing hour does not count)', () => {
    const night = businessCalendar({ hours: '00:00-06:00', days: [1, 2, 3, 4, 5, 6, 7] });
    // spring: 00:00–02:00 (+01) is 2 h, then 03:00–05:00 (+02) is 2 h more
    expect(due('business', 'PT4H', '2025-03-30T00:00:00+01:00', 'Europe/Paris', night)).toBe('2025-03-30T05:00:00+02:00');
    // autumn: the repeated hour counts twice in wall-clock terms; 4 h elapsed from midnight is 03:00 (+01)
    expect(due('business', 'PT4H', '2025-10-26T00:00:00+02:00', 'Europe/Paris', night)).toBe('2025-10-26T03:00:00+01:00');
  });
});

describe('dueTime: DST in America/New_York (9 March and 2 November 2025)', () => {
  test.each<[Availability, ObjectiveKind, string, string]>([
    ['24x7', 'PT4H', '2025-03-08T23:00:00-05:00', '2025-03-09T04:00:00-04:00'],
    ['24x7', 'PT2H', '2025-03-09T01:00:00-05:00', '2025-03-09T04:00:00-04:00'],
    ['24x7', 'next-day', '2025-03-08T09:00:00-05:00', '2025-03-10T00:00:00-04:00'],
    ['business', 'PT4H', '2025-03-07T15:00:00-05:00', '2025-03-10T11:00:00-04:00'],
    ['business', 'next-day', '2025-03-08T10:00:00-05:00', '2025-03-10T17:00:00-04:00'],
    ['business', 'PT1H', '2025-03-10T08:30:00-04:00', '2025-03-10T10:00:00-04:00'],
    ['24x7', 'PT1H', '2025-11-02T01:30:00-04:00', '2025-11-02T01:30:00-05:00'],
    ['24x7', 'PT1H', '2025-11-02T00:45:00-04:00', '2025-11-02T01:45:00-04:00'],
    ['24x7', 'next-day', '2025-11-01T08:00:00-04:00', '2025-11-03T00:00:00-05:00'],
    ['business', 'PT2H', '2025-10-31T16:00:00-04:00', '2025-11-03T10:00:00-05:00'],
    ['business', 'next-day', '2025-10-31T20:00:00-04:00', '2025-11-03T17:00:00-05:00'],
  ])('%s %s from %s', (availability, objective, created, expected) => {
    expect(due(availability, objective, created, 'America/New_York', US)).toBe(expected);
  });
});

describe('dueTime: public holidays from date-holidays', () => {
  test('the policy calendars know the holidays (and only the public ones)', () => {
    const fr = publicHolidays('FR', 2025);
    expect(fr).toEqual(expect.arrayContaining(['2025-01-01', '2025-05-01', '2025-05-08', '2025-07-14', '2025-11-11', '2025-12-25']));
    expect(fr).not.toContain('2025-12-26');
    expect(US.isHoliday('2025-07-04')).toBe(true);
    expect(US.isHoliday('2025-11-27')).toBe(true); // Thanksgiving
    expect(US.isHoliday('2025-11-28')).toBe(false); // the day after is only an observance
    expect(US.isHoliday('2026-07-03')).toBe(true); // 4 July 2026 is a Saturday: observed on Friday
    expect(FR.isHoliday('2031-07-14')).toBe(true); // any year, computed on demand
    expect(FR.isBusinessDay('2025-07-14')).toBe(false);
    expect(FR.isBusinessDay('2025-07-15')).toBe(true);
  });

  test.each<[string, BusinessCalendar, string, ObjectiveKind, string, string]>([
    ['14 July (FR), PT4H', FR, 'Europe/Paris', 'PT4H', '2025-07-11T16:00:00+02:00', '2025-07-15T12:00:00+02:00'],
    ['14 July (FR), next-day from Friday', FR, 'Europe/Paris', 'next-day', '2025-07-11T10:00:00+02:00', '2025-07-15T17:00:00+02:00'],
    ['created on 14 July', FR, 'Europe/Paris', 'PT1H', '2025-07-14T10:00:00+02:00', '2025-07-15T10:00:00+02:00'],
    ['8 May (FR) on a Thursday', FR, 'Europe/Paris', 'PT2H', '2025-05-07T16:00:00+02:00', '2025-05-09T10:00:00+02:00'],
    ['next-day when the next day is 1 May', FR, 'Europe/Paris', 'next-day', '2025-04-30T10:00:00+02:00', '2025-05-02T17:00:00+02:00'],
    ['next-day from Friday evening, Monday is Whit Monday', FR, 'Europe/Paris', 'next-day', '2025-06-06T19:00:00+02:00', '2025-06-10T17:00:00+02:00'],
    ['Easter Monday after a weekend', FR, 'Europe/Paris', 'PT2H', '2025-04-18T16:00:00+02:00', '2025-04-22T10:00:00+02:00'],
    ['4 July (US) on a Friday', US, 'America/New_York', 'PT4H', '2025-07-03T15:00:00-04:00', '2025-07-07T11:00:00-04:00'],
    ['Thanksgiving (US), PT4H', US, 'America/New_York', 'PT4H', '2025-11-26T15:00:00-05:00', '2025-11-28T11:00:00-05:00'],
    ['Thanksgiving (US), next-day', US, 'America/New_York', 'next-day', '2025-11-26T16:30:00-05:00', '2025-11-28T17:00:00-05:00'],
    ['observed 4 July 2026 (US), next-day', US, 'America/New_York', 'next-day', '2026-07-02T10:00:00-04:00', '2026-07-06T17:00:00-04:00'],
    ['US calendar in a western zone', US, 'America/Los_Angeles', 'PT1H', '2025-07-03T16:30:00-07:00', '2025-07-07T09:30:00-07:00'],
  ])('%s', (_label, calendar, zone, objective, created, expected) => {
    expect(due('business', objective, created, zone, calendar)).toBe(expected);
  });

  test('a business objective spanning several holidays and a weekend', () => {
    const xmas = businessCalendar({ hours: '09:00-17:00', days: [1, 2, 3, 4, 5], holidays: ['2025-12-24', '2025-12-25', '2025-12-26', '2025-12-29'] });
    expect(due('business', 'PT4H', '2025-12-23T15:00:00+01:00', 'Europe/Paris', xmas)).toBe('2025-12-30T11:00:00+01:00');
    expect(due('business', 'next-day', '2025-12-23T15:00:00+01:00', 'Europe/Paris', xmas)).toBe('2025-12-30T17:00:00+01:00');
  });

  test('holidays do not matter for 24x7', () => {
    expect(due('24x7', 'PT1H', '2025-07-14T10:00:00+02:00', 'Europe/Paris', FR)).toBe('2025-07-14T11:00:00+02:00');
    expect(due('24x7', 'next-day', '2025-04-30T10:00:00+02:00', 'Europe/Paris', FR)).toBe('2025-05-02T00:00:00+02:00');
    expect(due('24x7', 'PT4H', '2025-06-07T22:00:00+02:00', 'Europe/Paris', WEEKDAYS)).toBe('2025-06-08T02:00:00+02:00');
  });

  test('country overrides from the policy: Saudi Arabia works Sunday to Thursday', () => {
    const sa = calendarForCountry(policy, 'SA');
    expect(sa.days).toEqual([1, 2, 3, 4, 7]);
    // Thursday 16:00 + 2 h → Sunday 10:00
    expect(due('business', 'PT2H', '2025-06-12T16:00:00+03:00', 'Asia/Riyadh', sa)).toBe('2025-06-15T10:00:00+03:00');
  });

  test('an unlisted country gets the default hours and no holidays', () => {
    const zz = calendarForCountry(policy, 'ZZ');
    expect(zz.hours).toBe('09:00-17:00');
    expect(zz.isHoliday('2025-12-25')).toBe(false);
  });

  test('pre-sales hours come from the policy', () => {
    const presales = calendarForCountry(policy, 'FR', { presales: true });
    expect(presales.hours).toBe(policy.presalesHours.hours);
    expect(presales.isBusinessDay('2025-07-14')).toBe(false);
  });
});

describe('dueTime: boundaries', () => {
  test.each<[ObjectiveKind, string, string]>([
    ['PT1H', '2025-06-03T16:59:00+02:00', '2025-06-04T09:59:00+02:00'],
    ['PT1H', '2025-06-03T17:00:00+02:00', '2025-06-04T10:00:00+02:00'],
    ['PT1H', '2025-06-03T16:00:00+02:00', '2025-06-03T17:00:00+02:00'],
    ['PT1H', '2025-06-03T08:59:00+02:00', '2025-06-03T10:00:00+02:00'],
    ['PT1H', '2025-06-03T09:00:00+02:00', '2025-06-03T10:00:00+02:00'],
    ['PT1H', '2025-06-03T09:01:00+02:00', '2025-06-03T10:01:00+02:00'],
    ['PT4H', '2025-06-03T09:00:00+02:00', '2025-06-03T13:00:00+02:00'],
    ['PT1H', '2025-06-03T06:00:00+02:00', '2025-06-03T10:00:00+02:00'],
    ['PT1H', '2025-06-07T11:00:00+02:00', '2025-06-09T10:00:00+02:00'], // Saturday
    ['PT4H', '2025-06-08T23:59:00+02:00', '2025-06-09T13:00:00+02:00'], // Sunday night
    ['PT1H', '2025-06-03T08:30:00Z', '2025-06-03T11:30:00+02:00'], // created with another offset
    ['next-day', '2025-06-02T17:00:00+02:00', '2025-06-03T17:00:00+02:00'],
    ['next-day', '2025-06-02T08:59:00+02:00', '2025-06-03T17:00:00+02:00'],
    ['next-day', '2025-06-02T09:00:00+02:00', '2025-06-03T17:00:00+02:00'],
    ['next-day', '2025-06-06T18:00:00+02:00', '2025-06-09T17:00:00+02:00'], // Friday evening
    ['next-day', '2025-06-07T10:00:00+02:00', '2025-06-09T17:00:00+02:00'], // Saturday
  ])('business %s from %s', (objective, created, expected) => {
    expect(due('business', objective, created)).toBe(expected);
  });

  test('24x7 next-day just before and at local midnight', () => {
    expect(due('24x7', 'next-day', '2025-06-02T23:59:59+02:00')).toBe('2025-06-04T00:00:00+02:00');
    expect(due('24x7', 'next-day', '2025-06-03T00:00:00+02:00')).toBe('2025-06-05T00:00:00+02:00');
  });

  test('closing at 24:00 is allowed and the due time may be midnight', () => {
    const late = businessCalendar({ hours: '18:00-24:00', days: [1, 2, 3, 4, 5] });
    expect(due('business', 'PT2H', '2025-06-03T22:00:00+02:00', 'Europe/Paris', late)).toBe('2025-06-04T00:00:00+02:00');
    expect(due('business', 'next-day', '2025-06-03T12:00:00+02:00', 'Europe/Paris', late)).toBe('2025-06-05T00:00:00+02:00');
  });

  test('printing drops milliseconds and keeps the zone offset', () => {
    expect(due('24x7', 'PT1H', '2025-06-03T10:15:00.250+02:00')).toBe('2025-06-03T11:15:00+02:00');
    expect(due('24x7', 'PT1H', '2025-01-15T10:15:00Z', 'UTC')).toBe('2025-01-15T11:15:00+00:00');
    expect(due('24x7', 'PT1H', '2025-01-15T10:15:00Z', 'Asia/Kolkata')).toBe('2025-01-15T16:45:00+05:30');
  });
});

describe('dueTime and calendars: bad input', () => {
  test('an invalid time zone names the zone', () => {
    expect(() => due('24x7', 'PT1H', '2025-06-03T10:15:00+02:00', 'Mars/Olympus_Mons')).toThrow(/Mars\/Olympus_Mons/);
    expect(() => due('24x7', 'PT1H', '2025-06-03T10:15:00+02:00', '')).toThrow(/time zone/);
  });
  test('a creation time without an offset, or not ISO, is rejected', () => {
    expect(() => due('24x7', 'PT1H', '2025-06-03T10:15:00')).toThrow(/offset/);
    expect(() => due('24x7', 'PT1H', '2025-06-03')).toThrow(/offset/);
    expect(() => due('24x7', 'PT1H', 'tomorrow morning')).toThrow(/invalid creation time/);
    expect(() => due('24x7', 'PT1H', '2025-02-30T10:00:00+01:00')).toThrow(/invalid/);
  });
  test('an unknown objective or availability is rejected', () => {
    const bad = { availability: '24x7', objective: 'PT3H' } as unknown as ResponseObjective;
    expect(() => dueTime({ created: '2025-06-03T10:15:00+02:00', objective: bad, timeZone: 'Europe/Paris', calendar: WEEKDAYS })).toThrow(/PT3H/);
    const bad2 = { availability: 'weekdays', objective: 'PT1H' } as unknown as ResponseObjective;
    expect(() => dueTime({ created: '2025-06-03T10:15:00+02:00', objective: bad2, timeZone: 'Europe/Paris', calendar: WEEKDAYS })).toThrow(/weekdays/);
  });
  test('malformed calendars are rejected', () => {
    expect(() => businessCalendar({ hours: '17:00-09:00', days: [1] })).toThrow(/17:00-09:00/);
    expect(() => businessCalendar({ hours: '9-5', days: [1] })).toThrow(/9-5/);
    expect(() => businessCalendar({ hours: '09:00-17:00', days: [] })).toThrow(/at least one/);
    expect(() => businessCalendar({ hours: '09:00-17:00', days: [0] })).toThrow(/0/);
    expect(() => businessCalendar({ hours: '09:00-17:00', days: [1], holidays: ['2025-13-01'] })).toThrow(/2025-13-01/);
  });
  test('a calendar that is never open fails instead of looping', () => {
    const closed = { ...WEEKDAYS, isBusinessDay: () => false, isHoliday: () => true } as BusinessCalendar;
    expect(() => due('business', 'PT1H', '2025-06-03T10:00:00+02:00', 'Europe/Paris', closed)).toThrow(/no open day/);
  });
});

describe('isBreached', () => {
  const d = dueTime({ created: '2025-06-03T10:15:00+02:00', objective: { availability: '24x7', objective: 'PT1H' }, timeZone: 'Europe/Paris', calendar: WEEKDAYS });
  test('responding at the due time is on time; a second later is a breach', () => {
    expect(isBreached(d, '2025-06-03T11:15:00+02:00')).toBe(false);
    expect(isBreached(d, '2025-06-03T09:15:01Z')).toBe(true);
    expect(isBreached(d, DateTime.fromISO('2025-06-03T11:00:00+02:00'))).toBe(false);
  });
  test('without a first response, now is used', () => {
    expect(isBreached(d)).toBe(true); // 2025 is in the past
    const future = DateTime.now().plus({ days: 1 });
    expect(isBreached(future, null)).toBe(false);
  });
  test('no due time is never breached', () => {
    expect(isBreached(null, '2099-01-01T00:00:00Z')).toBe(false);
    expect(isBreached(null)).toBe(false);
  });
  test('a response time without an offset is rejected', () => {
    expect(() => isBreached(d, '2025-06-03T11:15:00')).toThrow(/offset/);
  });
});

describe('properties (fast-check)', () => {
  const ZONES = ['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', 'America/Sao_Paulo', 'UTC', 'Pacific/Chatham', 'Asia/Tokyo'];
  const instant = fc
    .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => DateTime.fromJSDate(d));
  const zone = fc.constantFrom(...ZONES);
  const days = fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 });
  const holidays = fc.uniqueArray(
    fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2028-01-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    { maxLength: 40 },
  );
  const calendar9to5 = fc.oneof(
    fc.constant(FR),
    fc.constant(US),
    fc.tuple(days, holidays).map(([ds, hs]) => businessCalendar({ hours: '09:00-17:00', days: ds, holidays: hs })),
  );
  const duration = fc.constantFrom<ObjectiveKind>('PT1H', 'PT2H', 'PT4H');
  const seconds = (dt: DateTime) => dt.hour * 3600 + dt.minute * 60 + dt.second + dt.millisecond / 1000;

  test('business durations: due lies inside business hours (or at closing), on a business day, never before creation, after exactly the objective in business time', () => {
    fc.assert(
      fc.property(instant, zone, calendar9to5, duration, (created, tz, cal, objective) => {
        const d = dueTime({ created, objective: { availability: 'business', objective }, timeZone: tz, calendar: cal })!;
        expect(d.zoneName).toBe(tz);
        expect(d.toMillis()).toBeGreaterThan(created.toMillis());
        expect(cal.isBusinessDay(d.toISODate()!)).toBe(true);
        expect(seconds(d)).toBeGreaterThan(9 * 3600);
        expect(seconds(d)).toBeLessThanOrEqual(17 * 3600);
        expect(businessMillisBetween(created, d, cal, tz)).toBe(Number(objective[2]) * 3_600_000);
      }),
      { numRuns: 300, seed: 20250603 },
    );
  });

  test('business durations with random hours: exactly the objective in business time, due never before creation', () => {
    const hours = fc
      .tuple(fc.integer({ min: 0, max: 22 }), fc.integer({ min: 1, max: 24 }))
      .filter(([o, len]) => o + len <= 24)
      .map(([o, len]) => `${String(o).padStart(2, '0')}:00-${String(o + len).padStart(2, '0')}:00`);
    fc.assert(
      fc.property(instant, zone, hours, days, duration, (created, tz, h, ds, objective) => {
        const cal = businessCalendar({ hours: h, days: ds });
        const d = dueTime({ created, objective: { availability: 'business', objective }, timeZone: tz, calendar: cal })!;
        expect(d.toMillis()).toBeGreaterThan(created.toMillis());
        expect(businessMillisBetween(created, d, cal, tz)).toBe(Number(objective[2]) * 3_600_000);
        // and not a millisecond earlier
        expect(businessMillisBetween(created, d.minus({ milliseconds: 1 }), cal, tz)).toBeLessThan(Number(objective[2]) * 3_600_000);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  test('business next-day: closing time of the first business day after the creation date', () => {
    fc.assert(
      fc.property(instant, zone, calendar9to5, (created, tz, cal) => {
        const d = dueTime({ created, objective: { availability: 'business', objective: 'next-day' }, timeZone: tz, calendar: cal })!;
        const createdDate = created.setZone(tz).toISODate()!;
        expect(d.toFormat('HH:mm:ss')).toBe('17:00:00');
        expect(cal.isBusinessDay(d.toISODate()!)).toBe(true);
        expect(d.toISODate()! > createdDate).toBe(true);
        for (let day = DateTime.fromISO(createdDate).plus({ days: 1 }); day.toISODate()! < d.toISODate()!; day = day.plus({ days: 1 })) {
          expect(cal.isBusinessDay(day.toISODate()!)).toBe(false);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  test('24x7 PT1H is always exactly 3,600 s later; PT4H 14,400 s', () => {
    fc.assert(
      fc.property(instant, zone, (created, tz) => {
        const one = dueTime({ created, objective: { availability: '24x7', objective: 'PT1H' }, timeZone: tz, calendar: WEEKDAYS })!;
        expect(one.toMillis() - created.toMillis()).toBe(3_600_000);
        const four = dueTime({ created, objective: { availability: '24x7', objective: 'PT4H' }, timeZone: tz, calendar: WEEKDAYS })!;
        expect(four.toMillis() - created.toMillis()).toBe(14_400_000);
      }),
      { numRuns: 500, seed: 1 },
    );
  });

  test('24x7 next-day is local midnight two calendar days after the creation date', () => {
    fc.assert(
      fc.property(instant, zone, (created, tz) => {
        const d = dueTime({ created, objective: { availability: '24x7', objective: 'next-day' }, timeZone: tz, calendar: WEEKDAYS })!;
        expect(d.toFormat('HH:mm:ss')).toBe('00:00:00');
        expect(d.toISODate()).toBe(created.setZone(tz).startOf('day').plus({ days: 2 }).toISODate());
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  test('none never has a due time and is never breached', () => {
    fc.assert(
      fc.property(instant, zone, fc.constantFrom<Availability>('24x7', 'business'), instant, (created, tz, availability, later) => {
        const d = dueTime({ created, objective: { availability, objective: 'none' }, timeZone: tz, calendar: WEEKDAYS });
        expect(d).toBeNull();
        expect(isBreached(d, later)).toBe(false);
      }),
      { numRuns: 100, seed: 5 },
    );
  });

  test('the printed form is ISO with seconds and the zone offset, and reads back to the same second', () => {
    fc.assert(
      fc.property(instant, zone, duration, (created, tz, objective) => {
        const d = dueTime({ created, objective: { availability: '24x7', objective }, timeZone: tz, calendar: WEEKDAYS })!;
        const text = formatInstant(d);
        expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
        const back = DateTime.fromISO(text, { setZone: true });
        expect(back.offset).toBe(d.offset);
        expect(back.toMillis()).toBe(d.startOf('second').toMillis());
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});

describe('sla CLI', () => {
  const base = ['--calendar', '24x7', '--objective', 'PT1H', '--created', '2025-06-03T10:15:00+02:00', '--tz', 'Europe/Paris'];

  test('prints the due instant on one line', () => {
    expect(slaCommand(base)).toEqual({ exitCode: 0, stdout: '2025-06-03T11:15:00+02:00\n', stderr: '' });
  });

  test.each<[string[], string]>([
    [['--calendar', '24x7', '--objective', 'PT1H', '--created', '2025-03-09T01:30:00-05:00', '--tz', 'America/New_York'], '2025-03-09T03:30:00-04:00'],
    [['--calendar', '24x7', '--objective', 'next-day', '--created', '2025-06-02T22:30:00Z', '--tz', 'Europe/Paris'], '2025-06-05T00:00:00+02:00'],
    [['--calendar', 'business', '--objective', 'PT4H', '--created', '2025-06-13T18:30:00+02:00', '--tz', 'Europe/Paris'], '2025-06-16T13:00:00+02:00'],
    [['--calendar', 'business', '--objective', 'PT2H', '--created', '2025-04-30T16:00:00+02:00', '--tz', 'Europe/Paris', '--holiday', '2025-05-01'], '2025-05-02T10:00:00+02:00'],
    [['--calendar', 'business', '--objective', 'PT4H', '--created', '2025-12-23T15:00:00+01:00', '--tz', 'Europe/Paris', '--holiday', '2025-12-24', '--holiday', '2025-12-25', '--holiday=2025-12-26', '--holiday', '2025-12-29'], '2025-12-30T11:00:00+01:00'],
    [['--calendar', 'business', '--objective', 'next-day', '--created', '2025-06-02T16:59:00+02:00', '--tz', 'Europe/Paris'], '2025-06-03T17:00:00+02:00'],
    [['--calendar', 'business', '--objective', 'PT2H', '--created', '2025-06-05T11:00:00+02:00', '--tz', 'Europe/Paris', '--hours', '08:00-12:00', '--days', '1-4'], '2025-06-09T09:00:00+02:00'],
    [['--calendar', 'business', '--objective', 'PT2H', '--created', '2025-06-12T16:00:00+03:00', '--tz', 'Asia/Riyadh', '--days', '7,1-4'], '2025-06-15T10:00:00+03:00'],
    [['--calendar', '24x7', '--objective', 'none', '--created', '2025-06-02T16:59:00+02:00', '--tz', 'Europe/Paris'], 'none'],
    [['--calendar', 'business', '--objective', 'none', '--created', '2025-06-02T16:59:00+02:00', '--tz', 'Europe/Paris'], 'none'],
    [['sla', '--created=2025-06-03T10:15:00+02:00', '--tz=Europe/Paris', '--objective=PT1H', '--calendar=24x7'], '2025-06-03T11:15:00+02:00'],
  ])('%j', (argv, expected) => {
    const r = slaCommand(argv);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`${expected}\n`);
  });

  test('--help prints the usage and exits 0, even with other flags', () => {
    for (const argv of [['--help'], ['-h'], [...base, '--help']]) {
      const r = slaCommand(argv);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toMatch(/^usage: sla --calendar 24x7\|business/);
      expect(r.stdout).toContain('--holiday');
      expect(r.stderr).toBe('');
    }
  });

  const without = (flag: string) => {
    const i = base.indexOf(flag);
    return [...base.slice(0, i), ...base.slice(i + 2)];
  };
  const withValue = (flag: string, value: string) => base.map((v, i) => (base[i - 1] === flag ? value : v));

  test.each<[string, string[], RegExp]>([
    ['missing --calendar', without('--calendar'), /missing --calendar/],
    ['missing --objective', without('--objective'), /missing --objective/],
    ['missing --created', without('--created'), /missing --created/],
    ['missing --tz', without('--tz'), /missing --tz/],
    ['no arguments at all', [], /missing --calendar/],
    ['unknown flag', [...base, '--colour', 'blue'], /unknown flag --colour/],
    ['a stray argument', [...base, 'extra'], /unexpected argument extra/],
    ['a flag without its value', [...base.slice(0, 6), '--tz'], /missing value for --tz/],
    ['a flag followed by another flag', ['--calendar', '--objective', 'PT1H'], /missing value for --calendar/],
    ['a flag given twice', [...base, '--tz', 'UTC'], /--tz given 2 times/],
    ['unknown calendar', withValue('--calendar', 'weekdays'), /--calendar must be one of 24x7\|business, not "weekdays"/],
    ['unknown objective', withValue('--objective', 'PT3H'), /--objective must be one of PT1H\|PT2H\|PT4H\|next-day\|none, not "PT3H"/],
    ['bad ISO', withValue('--created', 'yesterday'), /invalid --created "yesterday"/],
    ['impossible date', withValue('--created', '2025-02-30T10:00:00+01:00'), /invalid --created/],
    ['created without offset', withValue('--created', '2025-06-03T10:15:00'), /--created "2025-06-03T10:15:00" has no UTC offset/],
    ['invalid zone', withValue('--tz', 'Europe/Atlantis'), /invalid time zone "Europe\/Atlantis"/],
    ['bad hours (reversed)', [...base, '--hours', '17:00-09:00'], /invalid --hours "17:00-09:00"/],
    ['bad hours (format)', [...base, '--hours', '9-5'], /invalid --hours "9-5"/],
    ['bad days (zero)', [...base, '--days', '0-4'], /invalid --days "0-4"/],
    ['bad days (reversed)', [...base, '--days', '5-1'], /invalid --days "5-1"/],
    ['bad days (names)', [...base, '--days', 'mon-fri'], /invalid --days "mon-fri"/],
    ['bad holiday', [...base, '--holiday', '2025-02-30'], /invalid --holiday "2025-02-30"/],
    ['--help with a value', ['--help=yes'], /--help takes no value/],
  ])('%s → exit 2 and one stderr line', (_label, argv, message) => {
    const r = slaCommand(argv);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.endsWith('\n')).toBe(true);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.startsWith('sla: ')).toBe(true);
  });

  test('parseDays', () => {
    expect(parseDays('1-5')).toEqual([1, 2, 3, 4, 5]);
    expect(parseDays('1,3,5')).toEqual([1, 3, 5]);
    expect(parseDays('7,1-4')).toEqual([7, 1, 2, 3, 4]);
    expect(parseDays('')).toBeUndefined();
    expect(parseDays('8')).toBeUndefined();
  });
});
