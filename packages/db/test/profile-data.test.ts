// The rules the database itself keeps for profile data (issue 5): partial ISO
// dates and their order, "current" roles without an end, one primary resume
// per user, skill names unique per user whatever their case.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withUser } from '../src/client';
import {
  certifications,
  education,
  projects,
  resumes,
  skills,
  users,
  workExperiences,
} from '../src/schema/index';
import { createTestDatabase, type TestDatabase } from '../src/testing/index';

const CONTENT = `# Resume\n\n${'Built and ran the systems a team depends on every day. '.repeat(3)}`;

let t: TestDatabase;
let userId: string;

function pgError(error: unknown): { code?: string; constraint?: string } {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    const e = current as { code?: unknown; constraint_name?: unknown; cause?: unknown };
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
      return {
        code: e.code,
        constraint: typeof e.constraint_name === 'string' ? e.constraint_name : undefined,
      };
    }
    current = e.cause;
  }
  return {};
}

async function refusal(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    return pgError(error);
  }
  return null;
}

async function newUser(): Promise<string> {
  const id = randomUUID();
  await withUser(t.app, id, (tx) =>
    tx
      .insert(users)
      .values({ id, email: `${id}@example.com`, passwordHash: 'x', displayName: 'P' }),
  );
  return id;
}

const asUser = <T>(work: Parameters<typeof withUser<T>>[2]) => withUser(t.app, userId, work);

beforeAll(async () => {
  t = await createTestDatabase();
  userId = await newUser();
});

afterAll(async () => {
  await t?.close();
});

describe('partial ISO dates', () => {
  it.each(['2019', '2019-06', '2019-06-30'])('%s is stored exactly as given', async (date) => {
    const [row] = await asUser((tx) =>
      tx
        .insert(workExperiences)
        .values({ userId, company: 'Acme', title: 'Engineer', startDate: date })
        .returning({ startDate: workExperiences.startDate }),
    );
    expect(row!.startDate).toBe(date);
  });

  it.each(['19', '2019-6', '2019-13', '2019-06-32', '2019/06', 'June 2019'])(
    '%s is refused as a date',
    async (date) => {
      const refused = await refusal(
        asUser((tx) =>
          tx
            .insert(workExperiences)
            .values({ userId, company: 'Acme', title: 'E', startDate: date }),
        ),
      );
      expect(refused).toEqual({ code: '23514', constraint: 'work_experiences_start_date_format' });
    },
  );

  it('an end before the start is refused, at the precision both share', async () => {
    const refused = await refusal(
      asUser((tx) =>
        tx
          .insert(education)
          .values({ userId, institution: 'U', startDate: '2020-05', endDate: '2020-04-30' }),
      ),
    );
    expect(refused).toEqual({ code: '23514', constraint: 'education_end_after_start' });
    // "ended in 2020" does not contradict "started in May 2020".
    await asUser((tx) =>
      tx
        .insert(education)
        .values({ userId, institution: 'U', startDate: '2020-05', endDate: '2020' }),
    );
  });

  it('a certificate cannot expire before it was issued', async () => {
    const refused = await refusal(
      asUser((tx) =>
        tx
          .insert(certifications)
          .values({ userId, name: 'CKA', issueDate: '2023-02', expiryDate: '2022' }),
      ),
    );
    expect(refused).toEqual({ code: '23514', constraint: 'certifications_expiry_after_issue' });
  });

  it('a current role has no end date', async () => {
    const refused = await refusal(
      asUser((tx) =>
        tx.insert(workExperiences).values({
          userId,
          company: 'Acme',
          title: 'Engineer',
          startDate: '2021',
          endDate: '2022',
          isCurrent: true,
        }),
      ),
    );
    expect(refused).toEqual({ code: '23514', constraint: 'work_experiences_current_has_no_end' });
  });
});

describe('projects and courses (issue 11)', () => {
  it('a project keeps its lists in order and its partial dates as given', async () => {
    const [row] = await asUser((tx) =>
      tx
        .insert(projects)
        .values({
          userId,
          name: 'Tracer',
          highlights: ['Cut p99 by half', 'Adopted by three teams'],
          keywords: ['Go', 'Kafka'],
          roles: ['Maintainer'],
          startDate: '2021-03',
          endDate: '2022',
          url: 'https://example.com/tracer',
        })
        .returning(),
    );
    expect(row).toMatchObject({
      highlights: ['Cut p99 by half', 'Adopted by three teams'],
      keywords: ['Go', 'Kafka'],
      roles: ['Maintainer'],
      startDate: '2021-03',
      endDate: '2022',
    });
  });

  it('a project without lists stores empty ones, never null', async () => {
    const [row] = await asUser((tx) =>
      tx.insert(projects).values({ userId, name: 'Bare' }).returning(),
    );
    expect(row).toMatchObject({ highlights: [], keywords: [], roles: [] });
  });

  it.each([
    [{ name: '   ' }, 'projects_name_present'],
    [{ name: 'P', startDate: '2022-05', endDate: '2021' }, 'projects_end_after_start'],
    [{ name: 'P', startDate: 'May 2022' }, 'projects_start_date_format'],
    [{ name: 'P', url: 'javascript:alert(1)' }, 'projects_url_http'],
  ])('a project %j is refused by %s', async (values, constraint) => {
    const refused = await refusal(
      asUser((tx) => tx.insert(projects).values({ userId, ...values })),
    );
    expect(refused).toEqual({ code: '23514', constraint });
  });

  it('education keeps its courses, and has none by default', async () => {
    const [withCourses] = await asUser((tx) =>
      tx
        .insert(education)
        .values({ userId, institution: 'U', courses: ['Distributed Systems', 'Compilers'] })
        .returning(),
    );
    expect(withCourses!.courses).toEqual(['Distributed Systems', 'Compilers']);
    const [without] = await asUser((tx) =>
      tx.insert(education).values({ userId, institution: 'V' }).returning(),
    );
    expect(without!.courses).toEqual([]);
  });
});

describe('skills', () => {
  it('a user cannot have two skills whose names differ only in case', async () => {
    await asUser((tx) => tx.insert(skills).values({ userId, name: 'PostgreSQL' }));
    const refused = await refusal(
      asUser((tx) => tx.insert(skills).values({ userId, name: 'postgresql' })),
    );
    expect(refused).toEqual({ code: '23505', constraint: 'skills_user_name_key' });
  });

  it('two users may each have a skill of the same name', async () => {
    const other = await newUser();
    await withUser(t.app, other, (tx) =>
      tx.insert(skills).values({ userId: other, name: 'PostgreSQL' }),
    );
  });
});

describe('resumes', () => {
  it('a resume shorter than 100 characters is refused', async () => {
    const refused = await refusal(
      asUser((tx) => tx.insert(resumes).values({ userId, name: 'Short', content: 'Too short.' })),
    );
    expect(refused).toEqual({ code: '23514', constraint: 'resumes_content_length' });
  });

  it('a user has at most one primary resume, enforced by a partial unique index', async () => {
    const owner = await newUser();
    const insert = (name: string, isPrimary: boolean) =>
      withUser(t.app, owner, (tx) =>
        tx.insert(resumes).values({ userId: owner, name, content: CONTENT, isPrimary }),
      );
    await insert('First', true);
    await insert('Second', false);
    await insert('Third', false);
    const refused = await refusal(insert('Fourth', true));
    expect(refused).toEqual({ code: '23505', constraint: 'resumes_one_primary_per_user' });
    const [row] = await t.owner.db.execute<{ n: number }>(
      sql`select count(*)::int as n from resumes where user_id = ${owner} and is_primary`,
    );
    expect(row!.n).toBe(1);
  });
});

const PROFILE_TABLES = [
  'work_experiences',
  'education',
  'certifications',
  'projects',
  'skills',
  'resumes',
];

describe('live profile tables', () => {
  it('every profile-data table is tracked by the change feed and keeps updated_at', async () => {
    const rows = await t.owner.sql<{ table: string; trigger: string }[]>`
      select c.relname as table, tg.tgname as trigger
        from pg_trigger tg join pg_class c on c.oid = tg.tgrelid
       where not tg.tgisinternal
         and c.relname in ${t.owner.sql(PROFILE_TABLES)}
       order by 1, 2`;
    for (const table of PROFILE_TABLES) {
      const names = rows.filter((r) => r.table === table).map((r) => r.trigger);
      expect(names, table).toEqual(
        expect.arrayContaining(['capture_change', `${table}_touch_updated_at`]),
      );
    }
  });
});
