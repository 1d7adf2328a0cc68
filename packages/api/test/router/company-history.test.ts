// A person's history with a company (issue 13): names of one employer match
// however they are written, the summary sentence says how it went, and a
// grantee sees only what the owner shares.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  companyHistorySummary,
  normaliseCompanyName,
  type CompanyHistoryEntry,
} from '../../src/services/company-history';
import { failureOf, setUp } from '../support/accounts';
import { createApplication } from '../support/applications';
import { shareWith } from '../support/sharing';

const DAY = 86_400_000;

describe('normaliseCompanyName', () => {
  it('ignores case, punctuation and legal forms', () => {
    const same = [
      'Acme, Inc.',
      'ACME',
      'acme inc',
      'Acme Inc',
      'Acme LLC',
      'The Acme Company',
      'Acme GmbH',
      'Acme Pty Ltd',
      '  acme  ',
    ];
    for (const name of same) expect(normaliseCompanyName(name), name).toBe('acme');
  });

  it('keeps the words that tell employers apart', () => {
    expect(normaliseCompanyName('Acme Robotics')).not.toBe(normaliseCompanyName('Acme'));
    expect(normaliseCompanyName('Acme Robotics Ltd.')).toBe('acme robotics');
    expect(normaliseCompanyName('AT&T')).toBe(normaliseCompanyName('at&t inc'));
    expect(normaliseCompanyName('J.P. Morgan')).toBe(normaliseCompanyName('JP Morgan'));
    expect(normaliseCompanyName('Société Générale SA')).toBe('société générale');
    // A company named only by a legal word keeps it.
    expect(normaliseCompanyName('Inc.')).toBe('inc');
  });
});

function entry(fields: Partial<CompanyHistoryEntry>): CompanyHistoryEntry {
  return {
    id: 'id',
    roleTitle: 'Engineer',
    stage: 'applied',
    appliedAt: new Date('2026-03-10T12:00:00Z'),
    createdAt: new Date('2026-03-01T12:00:00Z'),
    closedAt: null,
    rejectionReason: null,
    lastInterviewKind: null,
    ...fields,
  };
}

describe('companyHistorySummary', () => {
  const now = new Date('2026-06-01T12:00:00Z');

  it('is null without history', () => {
    expect(companyHistorySummary([], now)).toBeNull();
  });

  it('names the interview a rejection came after', () => {
    expect(
      companyHistorySummary(
        [
          entry({
            stage: 'rejected',
            closedAt: new Date('2026-04-02T12:00:00Z'),
            lastInterviewKind: 'technical',
          }),
        ],
        now,
      ),
    ).toBe('You applied here in March 2026 — rejected after the technical interview.');
    expect(companyHistorySummary([entry({ stage: 'rejected' })], now)).toBe(
      'You applied here in March 2026 — rejected.',
    );
  });

  it('counts the days without a reply', () => {
    expect(
      companyHistorySummary(
        [entry({ stage: 'ghosted', closedAt: new Date('2026-04-24T12:00:00Z') })],
        now,
      ),
    ).toBe('You applied here in March 2026 — no reply after 45 days.');
    expect(companyHistorySummary([entry({ stage: 'applied' })], now)).toBe(
      'You applied here in March 2026 — no reply yet after 83 days.',
    );
  });

  it('says when a role was only saved', () => {
    expect(
      companyHistorySummary(
        [
          entry({
            stage: 'interested',
            appliedAt: null,
            createdAt: new Date('2026-01-20T00:00:00Z'),
          }),
        ],
        now,
      ),
    ).toBe('You saved a role here in January 2026 and did not apply.');
  });

  it('counts several applications and describes the latest', () => {
    expect(
      companyHistorySummary(
        [
          entry({ stage: 'withdrawn', lastInterviewKind: 'phone_screen' }),
          entry({ stage: 'rejected' }),
          entry({ stage: 'interested', appliedAt: null }),
        ],
        now,
      ),
    ).toBe(
      'You have 3 applications here; the latest: applied in March 2026 — you withdrew after the phone screen.',
    );
  });
});

const world = setUp('ada', 'vera', 'stan');

describe('application.companyHistory', () => {
  it('lists the same company however it is written, newest first, with the summary', async () => {
    const old = await createApplication(world.ada, {
      companyName: 'Initech, Inc.',
      roleTitle: 'Backend Engineer',
      stage: 'applied',
      appliedAt: new Date(Date.now() - 120 * DAY),
    });
    const rejected = await world.ada.api.application.move({ id: old.id, stage: 'interviewing' });
    await world.ada.api.interview.create({
      applicationId: old.id,
      scheduledAt: new Date(Date.now() - 100 * DAY),
      kind: 'phone_screen',
    });
    await world.ada.api.interview.create({
      applicationId: old.id,
      scheduledAt: new Date(Date.now() - 90 * DAY),
      kind: 'technical',
    });
    // Scheduled after the rejection: not what it came after.
    await world.ada.api.interview.create({
      applicationId: old.id,
      scheduledAt: new Date(Date.now() + 5 * DAY),
      kind: 'final',
    });
    await world.ada.api.application.move({
      id: rejected.id,
      stage: 'rejected',
      rejectionReason: 'Went with an internal candidate',
    });
    const recent = await createApplication(world.ada, {
      companyName: 'INITECH',
      roleTitle: 'Platform Engineer',
      stage: 'applied',
      appliedAt: new Date(Date.now() - 10 * DAY),
    });
    await createApplication(world.ada, { companyName: 'Initech Robotics' });

    const history = await world.ada.api.application.companyHistory({ companyName: 'initech llc' });
    expect(history.entries.map((e) => e.id)).toEqual([recent.id, old.id]);
    expect(history.entries[1]).toMatchObject({
      roleTitle: 'Backend Engineer',
      stage: 'rejected',
      rejectionReason: 'Went with an internal candidate',
      lastInterviewKind: 'technical',
    });
    expect(history.entries[1]!.closedAt).toBeInstanceOf(Date);
    expect(history.entries[0]!.closedAt).toBeNull();
    expect(history.summary).toMatch(/^You have 2 applications here; the latest: applied in /);

    const withoutRecent = await world.ada.api.application.companyHistory({
      companyName: 'Initech',
      excludeId: recent.id,
    });
    expect(withoutRecent.entries.map((e) => e.id)).toEqual([old.id]);
    expect(withoutRecent.summary).toMatch(
      /^You applied here in \w+ \d{4} — rejected after the technical interview\.$/,
    );

    const none = await world.ada.api.application.companyHistory({ companyName: 'Hooli' });
    expect(none).toEqual({ entries: [], summary: null });
  });

  it('a grantee checking the owner’s search sees only what is shared; a stranger gets NOT_FOUND', async () => {
    await shareWith(world.ada, world.vera, 'viewer');
    const shared = await createApplication(world.ada, { companyName: 'Vandelay Industries' });
    const secret = await createApplication(world.ada, { companyName: 'Vandelay Industries Ltd' });
    await world.ada.api.application.update({
      id: secret.id,
      version: secret.version,
      private: true,
    });

    const owners = await world.ada.api.application.companyHistory({
      companyName: 'vandelay industries',
    });
    expect(owners.entries.map((e) => e.id).sort()).toEqual([shared.id, secret.id].sort());

    const granteeView = await world.vera.api.application.companyHistory({
      companyName: 'Vandelay Industries',
      ownerId: world.ada.id,
    });
    expect(granteeView.entries.map((e) => e.id)).toEqual([shared.id]);
    // Without ownerId a grantee asks about their own search.
    const own = await world.vera.api.application.companyHistory({
      companyName: 'Vandelay Industries',
    });
    expect(own.entries).toEqual([]);

    const stranger = await failureOf(
      world.stan.api.application.companyHistory({
        companyName: 'Vandelay Industries',
        ownerId: world.ada.id,
      }),
    );
    expect(stranger.code).toBe('NOT_FOUND');
  });

  it('is fast enough to ask while typing (300 applications, 150 companies)', async () => {
    await world.t.owner.db.execute(sql`
      insert into companies (name)
      select 'Bulk Co ' || g from generate_series(1, 150) g
      on conflict do nothing`);
    await world.t.owner.db.execute(sql`
      insert into applications (user_id, company_id, company_name, role_title, job_description, position, stage)
      select ${world.stan.id}::uuid, c.id, c.name, 'Engineer ' || g, repeat('x', 60), 'a' || g, 'applied'
        from generate_series(1, 300) g
        join companies c on c.name = 'Bulk Co ' || (1 + g % 150)`);
    const started = performance.now();
    const history = await world.stan.api.application.companyHistory({ companyName: 'bulk co 7' });
    const elapsed = performance.now() - started;
    expect(history.entries).toHaveLength(2);
    expect(elapsed).toBeLessThan(500);
  });
});
