// An instance's admin through the router against the real database: the
// first account is the admin, the admin lists accounts, disables one (its
// sessions end, it cannot sign in) and makes others admin; nobody else may.
import { describe, expect, it } from 'vitest';
import { validateSessionToken } from '../../src/server';
import { callerFor, failureOf, PASSWORD, setUp, signIn, signUp } from '../support/accounts';
import { createApplication } from '../support/applications';
import { anyDate } from '../support/matchers';

// A fresh database per file: 'admin' is the first account on this instance.
const world = setUp('admin', 'member');

const DISABLED = 'This account has been disabled by an admin of this instance.';

describe('the first account', () => {
  it('is the admin, and every later one a user; the session user carries the role', async () => {
    expect(await world.admin.api.auth.me()).toMatchObject({ id: world.admin.id, role: 'admin' });
    expect(await world.member.api.auth.me()).toMatchObject({ id: world.member.id, role: 'user' });
    const later = await signUp(world.t, 'later');
    expect((await later.api.auth.me())?.role).toBe('user');
  });
});

describe('accounts', () => {
  it('the admin lists every account with its name, email, role, activity and applications', async () => {
    await createApplication(world.member);
    await createApplication(world.member, { companyName: 'Initech' });
    const accounts = await world.admin.api.admin.accounts();
    expect(accounts[0]).toMatchObject({ id: world.admin.id, role: 'admin' });
    expect(accounts.find((a) => a.id === world.member.id)).toEqual({
      id: world.member.id,
      email: world.member.email,
      name: 'member',
      role: 'user',
      createdAt: anyDate,
      lastActiveAt: anyDate,
      disabledAt: null,
      applications: 2,
    });
  });

  it('anyone else asking is FORBIDDEN', async () => {
    expect(await failureOf(world.member.api.admin.accounts())).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(
      await failureOf(
        world.member.api.admin.setDisabled({ userId: world.admin.id, disabled: true }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await failureOf(world.member.api.admin.setRole({ userId: world.member.id, role: 'admin' })),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect((await world.member.api.auth.me())?.role).toBe('user');
  });
});

describe('disabling an account', () => {
  it('ends its sessions at once and refuses its sign-in, with a sentence; enabling lets it back', async () => {
    const person = await signUp(world.t, 'disabled');
    const second = await signIn(world.t, person.email);
    expect(await world.admin.api.admin.setDisabled({ userId: person.id, disabled: true })).toEqual({
      id: person.id,
      disabled: true,
    });
    for (const token of [person.token, second]) {
      expect(await validateSessionToken(world.t.app, token)).toEqual({ session: null, user: null });
    }
    expect(await failureOf(person.api.application.list({}))).toMatchObject({
      code: 'UNAUTHORIZED',
    });
    expect(
      await failureOf(
        callerFor(world.t, null).auth.login({ email: person.email, password: PASSWORD }),
      ),
    ).toEqual(expect.objectContaining({ code: 'FORBIDDEN', message: DISABLED }));
    // A wrong password learns nothing about the account.
    expect(
      await failureOf(
        callerFor(world.t, null).auth.login({ email: person.email, password: 'not the password' }),
      ),
    ).toMatchObject({ code: 'UNAUTHORIZED', message: 'Email or password is incorrect.' });
    const listed = (await world.admin.api.admin.accounts()).find((a) => a.id === person.id);
    expect(listed?.disabledAt).toBeInstanceOf(Date);

    await world.admin.api.admin.setDisabled({ userId: person.id, disabled: false });
    const token = await signIn(world.t, person.email);
    expect((await callerFor(world.t, token).auth.me())?.id).toBe(person.id);
  });

  it('an admin cannot disable their own account', async () => {
    expect(
      await failureOf(
        world.admin.api.admin.setDisabled({ userId: world.admin.id, disabled: true }),
      ),
    ).toEqual(
      expect.objectContaining({
        code: 'BAD_REQUEST',
        message: 'You cannot disable your own account.',
      }),
    );
  });

  it('an unknown account is NOT_FOUND', async () => {
    const nobody = '00000000-0000-4000-8000-000000000000';
    expect(
      await failureOf(world.admin.api.admin.setDisabled({ userId: nobody, disabled: true })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await failureOf(world.admin.api.admin.setRole({ userId: nobody, role: 'admin' })),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('admins', () => {
  it('an admin makes another person admin, who may then act as one; the last admin cannot step down', async () => {
    const deputy = await signUp(world.t, 'deputy');
    expect(await world.admin.api.admin.setRole({ userId: deputy.id, role: 'admin' })).toEqual({
      id: deputy.id,
      role: 'admin',
    });
    expect((await deputy.api.auth.me())?.role).toBe('admin');
    await expect(deputy.api.admin.accounts()).resolves.toBeDefined();

    // Two admins: the deputy steps down, and cannot list accounts any more.
    expect(await deputy.api.admin.setRole({ userId: deputy.id, role: 'user' })).toEqual({
      id: deputy.id,
      role: 'user',
    });
    expect(await failureOf(deputy.api.admin.accounts())).toMatchObject({ code: 'FORBIDDEN' });

    expect(
      await failureOf(world.admin.api.admin.setRole({ userId: world.admin.id, role: 'user' })),
    ).toEqual(
      expect.objectContaining({
        code: 'BAD_REQUEST',
        message: 'An instance needs at least one admin: make someone else admin first.',
      }),
    );
  });

  it('a disabled admin is signed out and does not count as an admin', async () => {
    const other = await signUp(world.t, 'other-admin');
    await world.admin.api.admin.setRole({ userId: other.id, role: 'admin' });
    await world.admin.api.admin.setDisabled({ userId: other.id, disabled: true });
    expect(await failureOf(other.api.admin.accounts())).toMatchObject({ code: 'UNAUTHORIZED' });
    // The disabled admin does not count: the first admin is still the last active one.
    expect(
      await failureOf(world.admin.api.admin.setRole({ userId: world.admin.id, role: 'user' })),
    ).toMatchObject({ code: 'BAD_REQUEST' });
  });
});
