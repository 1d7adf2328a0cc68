import { describe, expect, it } from 'vitest';
import { afterAuth, safeNext } from './next';

describe('sign-in redirects', () => {
  it('only follows same-site paths after sign-in', () => {
    expect(safeNext('/applications/1')).toBe('/applications/1');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});

describe('issue 12: signing in or up from an invitation', () => {
  it('a signed-in visitor of a sign-up link goes to the invitation itself', () => {
    expect(afterAuth(new URLSearchParams('invite=abc_DEF-1'))).toBe('/invite/abc_DEF-1');
  });

  it('a sign-in link with next goes there, same-site only', () => {
    expect(afterAuth(new URLSearchParams('next=/invite/tok'))).toBe('/invite/tok');
    expect(afterAuth(new URLSearchParams('next=//evil.example'))).toBe('/');
    expect(afterAuth(new URLSearchParams(''))).toBe('/');
  });
});
