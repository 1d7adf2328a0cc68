// Issue 5 through a real server on a real port: the streamed "export
// everything" downloads (cookie-authenticated, attachment, chunked), profile
// data arriving live over the WebSocket like the rest, and account deletion
// closing the person's open sockets.
import { createTestDatabase, type TestDatabase } from '@pursuit/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_ENDED } from '../src/sockets';
import {
  call,
  createApplication,
  JOB_DESCRIPTION,
  RawSubscriber,
  signUp,
  startServer,
  type Running,
} from './live/harness';

const PASSWORD = 'correct horse battery';
const RESUME = `# Resume\n\n${'Built the systems a team depends on, and kept them running. '.repeat(3)}`;

let t: TestDatabase;
let server: Running;

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startServer(t.app, t.owner);
});

afterAll(async () => {
  await server?.pursuit.close();
  await t?.close();
});

async function seedApplications(userId: string, cookie: string, n: number) {
  await createApplication(server.base, cookie, `Bulk ${userId}`);
  // One statement as the request role, under the user's RLS context.
  await t.app.sql.begin(async (tx) => {
    await tx`select set_config('app.user_id', ${userId}, true)`;
    await tx`
      insert into applications (user_id, company_id, company_name, role_title, job_description, position, job_url, notes)
      select ${userId}, a.company_id, '', 'Engineer ' || g, ${JOB_DESCRIPTION},
             'b' || lpad(g::text, 6, '0'), 'https://jobs.example/' || ${userId} || '/' || g,
             case when g % 2 = 0 then '=SUM(A1:A9)' end
        from generate_series(1, ${n}) g, (select company_id from applications limit 1) a`;
  });
}

describe('export downloads', () => {
  it('without a session cookie both downloads are 401 and reveal nothing', async () => {
    for (const path of ['/export/pursuit-export.json', '/export/applications.csv']) {
      const response = await fetch(`${server.base}${path}`);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { message: 'Sign in to export your data.' } });
    }
    const forged = await fetch(`${server.base}/export/pursuit-export.json`, {
      headers: { cookie: 'pursuit_session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
    });
    expect(forged.status).toBe(401);
  });

  it('a signed-in user downloads everything as one JSON attachment, streamed in chunks', async () => {
    const { cookie, id } = await signUp(server.base, 'Exporter');
    await call(server.base, 'resume.create', { name: 'Base', content: RESUME }, cookie);
    await seedApplications(id, cookie, 2_000);
    const other = await signUp(server.base, 'Other');
    await createApplication(server.base, other.cookie, 'Other Corp');

    const response = await fetch(`${server.base}/export/pursuit-export.json`, {
      headers: { cookie },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="pursuit-export-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    // Streamed: no length known up front.
    expect(response.headers.get('content-length')).toBeNull();
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    let chunks = 0;
    let text = '';
    const decoder = new TextDecoder();
    const reader = response.body!.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      chunks += 1;
      text += decoder.decode(read.value as Uint8Array, { stream: true });
    }
    expect(chunks).toBeGreaterThan(1);
    const document = JSON.parse(text) as {
      account: { id: string };
      resumes: unknown[];
      applications: { companyName: string; stageHistory: unknown[] }[];
    };
    expect(document.account.id).toBe(id);
    expect(document.resumes).toHaveLength(1);
    expect(document.applications).toHaveLength(2_001);
    expect(document.applications.every((a) => a.stageHistory.length === 1)).toBe(true);
    expect(text).not.toContain('Other Corp');
  });

  it('the applications CSV is an attachment with one row per application and guarded formulas', async () => {
    const { cookie, id } = await signUp(server.base, 'Spreadsheet');
    await seedApplications(id, cookie, 10);
    const response = await fetch(`${server.base}/export/applications.csv`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="pursuit-applications-.*\.csv"$/,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    // A UTF-8 byte-order mark, so Excel reads accents right.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Company,Role,Stage,Priority,Location,Work arrangement,Employment type,Salary min,Salary max,' +
        'Salary currency,Job URL,Source,Applied at,Follow-up on,Match score,Rejection reason,' +
        'Created,Updated,Notes',
    );
    expect(lines).toHaveLength(12);
    expect(lines.filter((line) => line.endsWith(",'=SUM(A1:A9)"))).toHaveLength(5);
  });

  it('a cancelled download ends the database transaction and the server keeps serving', async () => {
    const { cookie, id } = await signUp(server.base, 'Canceller');
    await seedApplications(id, cookie, 3_000);
    const controller = new AbortController();
    const response = await fetch(`${server.base}/export/pursuit-export.json`, {
      headers: { cookie },
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await reader.closed.catch(() => undefined);
    const deadline = Date.now() + 5_000;
    for (;;) {
      const [row] = await t.owner.sql<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity
         where datname = current_database() and state like 'idle in transaction%'`;
      if (row!.n === 0) break;
      if (Date.now() > deadline) throw new Error('an export transaction was left open');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const again = await fetch(`${server.base}/export/applications.csv`, { headers: { cookie } });
    expect(again.status).toBe(200);
    expect((await again.text()).split('\r\n').length).toBeGreaterThan(3_000);
  });

  it('other paths under /export are left to the web app, and a POST is not a download', async () => {
    const { cookie } = await signUp(server.base, 'Poster');
    expect((await fetch(`${server.base}/export/elsewhere`, { headers: { cookie } })).status).toBe(
      404,
    );
    const post = await fetch(`${server.base}/export/applications.csv`, {
      method: 'POST',
      headers: { cookie },
    });
    expect(post.status).toBe(405);
  });
});

describe('profile data is live', () => {
  it('a change to the profile, a skill or a resume reaches the person’s open socket', async () => {
    const { cookie } = await signUp(server.base, 'Live');
    const socket = await RawSubscriber.open(server.wsUrl, cookie);
    socket.subscribe(null);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await call(server.base, 'profile.update', { headline: 'Now live' }, cookie);
    await call(server.base, 'skill.create', { name: 'Go' }, cookie);
    await call(server.base, 'experience.create', { company: 'Acme', title: 'Engineer' }, cookie);
    await call(server.base, 'resume.create', { name: 'Base', content: RESUME }, cookie);
    await socket.waitFor(
      () =>
        ['profiles', 'skills', 'work_experiences', 'resumes'].every((table) =>
          socket.events.some((e) => e.table === table),
        ),
      5_000,
      'profile-data events',
    );
    expect(socket.events.find((e) => e.table === 'profiles')?.row).toMatchObject({
      headline: 'Now live',
    });
    socket.close();
  });
});

describe('account deletion over HTTP', () => {
  it('deleting the account closes that person’s open sockets and clears the cookie', async () => {
    const { cookie } = await signUp(server.base, 'Leaver');
    const socket = await RawSubscriber.open(server.wsUrl, cookie);
    socket.subscribe(null);
    const { setCookie } = await call(
      server.base,
      'auth.deleteAccount',
      { password: PASSWORD },
      cookie,
    );
    // The last Set-Cookie wins: the session cookie is cleared (Max-Age=0 among
    // that cookie's attributes, wherever the cookie package puts it).
    expect(setCookie).toMatch(/pursuit_session=; [^,]*Max-Age=0[^,]*$/);
    expect(await socket.waitForClose(5_000)).toBe(SESSION_ENDED);
    const exportAfter = await fetch(`${server.base}/export/pursuit-export.json`, {
      headers: { cookie },
    });
    expect(exportAfter.status).toBe(401);
  });
});
