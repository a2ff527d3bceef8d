import { describe, expect, it } from 'vitest';
import { LINK_GRACE_DAYS, linksExpired, linksWorkUntil } from '../../../worker/domain/links.ts';

describe('links of a cohort', () => {
  it('work for as long as the cohort has no end date', () => {
    expect(linksWorkUntil(null)).toBeNull();
    expect(linksExpired(null, '2099-12-31')).toBe(false);
  });

  it(`work until ${LINK_GRACE_DAYS} days after the cohort's last day`, () => {
    expect(LINK_GRACE_DAYS).toBe(30);
    expect(linksWorkUntil('2026-06-30')).toBe('2026-07-30');
  });

  it.each([
    ['on the last day', '2026-06-30', false],
    ['on the last day of grace', '2026-07-30', false],
    ['the day after the grace', '2026-07-31', true],
    ['a year later', '2027-06-30', true],
  ])('%s: expired is %s', (_when, today, expired) => {
    expect(linksExpired('2026-06-30', today)).toBe(expired);
  });

  it('count the grace across a month and a year end', () => {
    expect(linksWorkUntil('2026-12-15')).toBe('2027-01-14');
    expect(linksExpired('2026-12-15', '2027-01-15')).toBe(true);
  });
});
