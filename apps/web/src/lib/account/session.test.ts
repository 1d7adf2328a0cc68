import { describe, expect, it } from 'vitest';
import { safeNext } from './session';

describe('sign-in redirects', () => {
  it('only follows same-site paths after sign-in', () => {
    expect(safeNext('/applications/1')).toBe('/applications/1');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
