import { describe, expect, it } from 'vitest';
import { shownOwner } from './switcher';
import { possessive } from './roles';

describe('the switcher knows whose search a page shows', () => {
  it("a shared board is its owner's", () => {
    expect(shownOwner('/shared/3f1c2b4e-0000-4000-8000-000000000001')).toBe(
      '3f1c2b4e-0000-4000-8000-000000000001',
    );
  });

  it('the overview, the own board and other pages are nobody else’s', () => {
    expect(shownOwner('/shared')).toBeNull();
    expect(shownOwner('/shared/')).toBeNull();
    expect(shownOwner('/')).toBeNull();
    expect(shownOwner('/profile')).toBeNull();
  });

  it('names read naturally', () => {
    expect(possessive('Sam')).toBe("Sam's");
    expect(possessive('Chris')).toBe("Chris'");
  });
});
