// The embedded cluster chooses its own port; it must not take the one the app
// is about to listen on. That port is free until the app listens on it, and a
// browser test's server once lost its HTTP port to its own database that way
// (EADDRINUSE at start-up).
import { describe, expect, it } from 'vitest';
import { freePort } from '../src/embedded';

describe('freePort', () => {
  it('asks the kernel again when it offers a port to avoid', async () => {
    const offers = [41000, 41000, 41001];
    const pick = () => Promise.resolve(offers.shift()!);
    expect(await freePort([41000], pick)).toBe(41001);
  });

  it('gives up, saying why, when every offer is one to avoid', async () => {
    await expect(freePort([41000], () => Promise.resolve(41000))).rejects.toThrow(
      'no free port other than 41000',
    );
  });

  it('returns a port the kernel really offers', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
  });
});
