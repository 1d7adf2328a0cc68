import { describe, expect, it } from 'vitest';
import { describeDevice, formatSalary, isFollowUpDue, isHttpUrl, shortAgo } from './format';

describe('card times and badges', () => {
  const now = Date.parse('2026-06-10T12:00:00Z');
  it('says how long ago, compactly', () => {
    expect(shortAgo(new Date(now - 30_000), now)).toBe('just now');
    expect(shortAgo(new Date(now - 5 * 60_000), now)).toBe('5m');
    expect(shortAgo(new Date(now - 3 * 3600_000), now)).toBe('3h');
    expect(shortAgo(new Date(now - 2 * 86400_000), now)).toBe('2d');
    expect(shortAgo(new Date(now - 21 * 86400_000), now)).toBe('3w');
  });
  it('marks a follow-up due on its day and after, not before', () => {
    expect(isFollowUpDue('2026-06-10', '2026-06-10')).toBe(true);
    expect(isFollowUpDue('2026-06-01', '2026-06-10')).toBe(true);
    expect(isFollowUpDue('2026-06-11', '2026-06-10')).toBe(false);
    expect(isFollowUpDue(null, '2026-06-10')).toBe(false);
  });
  it('formats salary ranges', () => {
    expect(formatSalary(null, null, null)).toBeNull();
    expect(formatSalary(50_000, 60_000, 'EUR')).toBe('€50,000 – €60,000');
    expect(formatSalary(50_000, null, null)).toBe('from 50,000');
  });
});

describe('devices and links', () => {
  it('names a device from its user agent', () => {
    expect(describeDevice(null)).toBe('Unknown device');
    expect(
      describeDevice(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15',
      ),
    ).toBe('Safari on macOS');
    expect(
      describeDevice(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) CriOS/120.0 Mobile Safari/604.1',
      ),
    ).toBe('Chrome on iOS');
    expect(
      describeDevice(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0',
      ),
    ).toBe('Firefox on Windows');
  });
  it('only treats http(s) URLs as links', () => {
    expect(isHttpUrl('https://example.com/job')).toBe(true);
    expect(isHttpUrl('javascript:alert(1)')).toBe(false);
    expect(isHttpUrl('Room 4')).toBe(false);
  });
});
