// Issue 9: a procedure runs in the one transaction userProcedure opens, so a
// mutation that fails after it has written leaves nothing behind.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { failureOf, setUp } from './support/accounts';
import { createApplication } from './support/applications';

const world = setUp('ada');

it('a stale update that first created a company leaves no company behind', async () => {
  const application = await createApplication(world.ada);
  await world.ada.api.application.update({ id: application.id, version: 1, notes: 'newer' });
  const company = `Rolled Back ${randomUUID()}`;
  // Finding-or-creating the company writes before the version check fails.
  const failure = await failureOf(
    world.ada.api.application.update({ id: application.id, version: 1, companyName: company }),
  );
  expect(failure.code).toBe('CONFLICT');
  const [row] = await world.t.owner.sql<{ n: number }[]>`
    select count(*)::int as n from companies where name = ${company}`;
  expect(row!.n).toBe(0);
  const detail = await world.ada.api.application.byId({ id: application.id });
  expect(detail).toMatchObject({ companyName: 'Globex', version: 2, notes: 'newer' });
});
