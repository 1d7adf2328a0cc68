// Offers through the real router and database: totals from the one
// compensation function, input refused with sentences a person can act on,
// and access decided by RLS: the owner and an editor write, a viewer and a
// commenter read, only the owner deletes, a stranger finds nothing, and a
// private application's offers reach nobody but the owner.
import { describe, expect, it } from 'vitest';
import { failureOf, setUp, type Person } from '../support/accounts';
import { createApplication } from '../support/applications';
import { shareWith } from '../support/sharing';

// Display names are the labels: messages read "olga’s search".
const world = setUp('olga', 'vic', 'cora', 'ed', 'stan');
const owner = () => world.olga;
const viewer = () => world.vic;
const commenter = () => world.cora;
const editor = () => world.ed;
const stranger = () => world.stan;

let shared = false;
async function shareOnce() {
  if (shared) return;
  shared = true;
  await shareWith(owner(), viewer(), 'viewer');
  await shareWith(owner(), commenter(), 'commenter');
  await shareWith(owner(), editor(), 'editor');
}

const FULL = {
  currency: 'usd',
  baseSalary: 150_000,
  bonusTargetPercent: 15,
  equityDescription: '0.1 % over four years',
  equityAnnualValue: 40_000,
  signOnBonus: 20_000,
  benefits: 'Health, dental',
  ptoDays: 25,
  location: 'Berlin',
  workArrangement: 'hybrid' as const,
  startDate: '2027-01-04',
  responseDeadline: new Date('2026-12-15T17:00:00Z'),
  note: 'Ask about the equity refresh.',
};

async function offerFor(person: Person, fields: Partial<typeof FULL> = {}) {
  const application = await createApplication(person, { companyName: 'Initech' });
  const offer = await person.api.offer.create({
    applicationId: application.id,
    ...FULL,
    ...fields,
  });
  return { application, offer };
}

describe('offers', () => {
  it('an offer is added with its totals, listed, changed and removed', async () => {
    const { application, offer } = await offerFor(owner());
    expect(offer).toMatchObject({
      applicationId: application.id,
      userId: owner().id,
      currency: 'USD',
      status: 'pending',
      companyName: 'Initech',
      roleTitle: 'Platform Engineer',
      applicationStage: 'interested',
      startDate: '2027-01-04',
      responseDeadline: FULL.responseDeadline,
      compensation: {
        currency: 'USD',
        base: 150_000,
        bonus: 22_500,
        equity: 40_000,
        signOn: 20_000,
        firstYear: 232_500,
        steadyState: 212_500,
        missing: [],
      },
    });

    const forApplication = await owner().api.offer.forApplication({
      applicationId: application.id,
    });
    expect(forApplication.offers.map((o) => o.id)).toEqual([offer.id]);
    const list = await owner().api.offer.list();
    expect(list.access).toEqual({ ownerId: owner().id, role: 'owner' });
    expect(list.offers.find((o) => o.id === offer.id)?.compensation.firstYear).toBe(232_500);

    const updated = await owner().api.offer.update({
      id: offer.id,
      status: 'accepted',
      signOnBonus: null,
      note: 'Signed.',
    });
    expect(updated).toMatchObject({
      status: 'accepted',
      note: 'Signed.',
      signOnBonus: null,
      compensation: { firstYear: 212_500, steadyState: 212_500, missing: ['signOn'] },
    });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(offer.updatedAt.getTime());

    expect(await owner().api.offer.delete({ id: offer.id })).toEqual({ id: offer.id });
    expect(
      (await owner().api.offer.forApplication({ applicationId: application.id })).offers,
    ).toEqual([]);
  });

  it('an offer with only a base salary counts the rest as 0 and says they are missing', async () => {
    const application = await createApplication(owner());
    const offer = await owner().api.offer.create({
      applicationId: application.id,
      currency: 'EUR',
      baseSalary: 80_000,
    });
    expect(offer.compensation).toEqual({
      currency: 'EUR',
      base: 80_000,
      bonus: 0,
      equity: 0,
      signOn: 0,
      firstYear: 80_000,
      steadyState: 80_000,
      missing: ['bonus', 'equity', 'signOn'],
    });
  });

  it('bad input is refused with a sentence for each field', async () => {
    const application = await createApplication(owner());
    const failure = await failureOf(
      owner().api.offer.create({
        applicationId: application.id,
        currency: 'dollars',
        baseSalary: 1000.5,
        bonusTargetPercent: 501,
        equityAnnualValue: -1,
        signOnBonus: -5,
        ptoDays: 400,
        responseDeadline: 'next friday',
        startDate: '2026-02-30',
        workArrangement: 'moon' as never,
        status: 'maybe' as never,
      }),
    );
    expect(failure.code).toBe('BAD_REQUEST');
    expect(failure.fieldErrors).toMatchObject({
      currency: ['Use a three-letter currency code, like USD or EUR.'],
      baseSalary: ['The base salary is a whole number (no cents).'],
      bonusTargetPercent: ['The bonus target is between 0 and 500 %.'],
      equityAnnualValue: ['The equity value per year cannot be negative.'],
      signOnBonus: ['The sign-on bonus cannot be negative.'],
      ptoDays: ['Paid time off is between 0 and 366 days.'],
      responseDeadline: ['Give the response deadline as a date and time.'],
      startDate: ['Give the start date like 2026-12-31.'],
      workArrangement: ['Work arrangement must be remote, hybrid or onsite.'],
      status: ['Status must be pending, accepted, declined or expired.'],
    });

    const missing = await failureOf(
      owner().api.offer.create({ applicationId: application.id } as never),
    );
    expect(missing.fieldErrors).toMatchObject({
      currency: ['Enter the currency as a three-letter code, like USD or EUR.'],
      baseSalary: ['The base salary is a number, in whole units of the offer’s currency.'],
    });

    const decimals = await failureOf(
      owner().api.offer.create({
        applicationId: application.id,
        currency: 'USD',
        baseSalary: 1,
        bonusTargetPercent: 12.345,
      }),
    );
    expect(decimals.fieldErrors).toMatchObject({
      bonusTargetPercent: ['Give the bonus target with at most two decimals, like 12.5.'],
    });

    const { offer } = await offerFor(owner());
    expect(await failureOf(owner().api.offer.update({ id: offer.id }))).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Nothing to change.',
    });
  });

  it('the edges of each range are accepted', async () => {
    const { offer } = await offerFor(owner(), {
      bonusTargetPercent: 500,
      ptoDays: 366,
      equityAnnualValue: 0,
      signOnBonus: 0,
    });
    expect(offer).toMatchObject({ bonusTargetPercent: 500, ptoDays: 366 });
    const zero = await owner().api.offer.update({
      id: offer.id,
      bonusTargetPercent: 12.5,
      ptoDays: 0,
      baseSalary: 0,
    });
    expect(zero).toMatchObject({ bonusTargetPercent: 12.5, ptoDays: 0, baseSalary: 0 });
  });
});

describe('who may see and change offers', () => {
  it('an editor adds and changes offers in the owner’s search but cannot delete one', async () => {
    await shareOnce();
    const application = await createApplication(owner(), { companyName: 'Hooli' });
    const offer = await editor().api.offer.create({
      applicationId: application.id,
      currency: 'USD',
      baseSalary: 100_000,
    });
    expect(offer.userId).toBe(owner().id);
    expect(await editor().api.offer.update({ id: offer.id, ptoDays: 30 })).toMatchObject({
      ptoDays: 30,
    });
    expect(await failureOf(editor().api.offer.delete({ id: offer.id }))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'You can view and change olga’s search, but only olga can delete this.',
    });
  });

  it('a viewer and a commenter read offers but cannot add, change or delete them', async () => {
    await shareOnce();
    const { application, offer } = await offerFor(owner());
    for (const [grantee, sentence] of [
      [viewer(), 'You can view olga’s search but not change it.'],
      [commenter(), 'You can view and comment on olga’s search but not change it.'],
    ] as const) {
      const list = await grantee.api.offer.list({ ownerId: owner().id });
      expect(list.offers.map((o) => o.id)).toContain(offer.id);
      expect(list.access.ownerId).toBe(owner().id);
      const one = await grantee.api.offer.forApplication({ applicationId: application.id });
      expect(one.offers[0]?.compensation.firstYear).toBe(232_500);

      expect(
        await failureOf(
          grantee.api.offer.create({
            applicationId: application.id,
            currency: 'USD',
            baseSalary: 1,
          }),
        ),
      ).toMatchObject({ code: 'FORBIDDEN', message: sentence });
      expect(
        await failureOf(grantee.api.offer.update({ id: offer.id, note: 'mine' })),
      ).toMatchObject({ code: 'FORBIDDEN', message: sentence });
      expect((await failureOf(grantee.api.offer.delete({ id: offer.id }))).code).toBe('FORBIDDEN');
    }
    expect((await viewer().api.offer.list({ ownerId: owner().id })).access.role).toBe('viewer');
  });

  it('a grantee’s own list holds only their own offers, not the searches shared with them', async () => {
    await shareOnce();
    await offerFor(owner());
    const mine = await viewer().api.offer.list();
    expect(mine.offers.every((o) => o.userId === viewer().id)).toBe(true);
    expect(mine.access).toEqual({ ownerId: viewer().id, role: 'owner' });
  });

  it('a stranger finds neither the offers nor the application', async () => {
    const { application, offer } = await offerFor(owner());
    expect(await failureOf(stranger().api.offer.list({ ownerId: owner().id }))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Search not found.',
    });
    expect(
      await failureOf(stranger().api.offer.forApplication({ applicationId: application.id })),
    ).toMatchObject({ code: 'NOT_FOUND', message: 'Application not found.' });
    expect(
      await failureOf(
        stranger().api.offer.create({
          applicationId: application.id,
          currency: 'USD',
          baseSalary: 1,
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND', message: 'Application not found.' });
    for (const call of [
      stranger().api.offer.update({ id: offer.id, note: 'mine' }),
      stranger().api.offer.delete({ id: offer.id }),
    ]) {
      expect(await failureOf(call)).toMatchObject({
        code: 'NOT_FOUND',
        message: 'Offer not found.',
      });
    }
    expect((await stranger().api.offer.list()).offers).toEqual([]);
  });

  it('a private application’s offers reach the owner alone, even an editor sees nothing', async () => {
    await shareOnce();
    const { application, offer } = await offerFor(owner());
    await owner().api.application.update({
      id: application.id,
      version: application.version,
      private: true,
    });
    expect((await owner().api.offer.list()).offers.map((o) => o.id)).toContain(offer.id);
    for (const grantee of [viewer(), commenter(), editor()]) {
      const list = await grantee.api.offer.list({ ownerId: owner().id });
      expect(list.offers.map((o) => o.id)).not.toContain(offer.id);
      expect(
        (await failureOf(grantee.api.offer.forApplication({ applicationId: application.id }))).code,
      ).toBe('NOT_FOUND');
      expect(
        await failureOf(grantee.api.offer.update({ id: offer.id, note: 'peek' })),
      ).toMatchObject({ code: 'NOT_FOUND', message: 'Offer not found.' });
    }
    expect(
      await failureOf(
        editor().api.offer.create({
          applicationId: application.id,
          currency: 'USD',
          baseSalary: 1,
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND', message: 'Application not found.' });
  });

  it('deleting the application removes its offers', async () => {
    const { application, offer } = await offerFor(owner());
    await owner().api.application.delete({ id: application.id });
    expect((await owner().api.offer.list()).offers.map((o) => o.id)).not.toContain(offer.id);
  });
});
