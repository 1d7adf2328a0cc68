// The daily email digest (issue 13): when SMTP_URL is set, a graphile-worker
// crontab task (once a day across every instance) mails each person who has
// it on (users.email_digest) and has something due one message listing what
// reminder.list says, as plain text and simple HTML, sent by nodemailer.
// Unset, the task is not scheduled at all and nothing is sent.
import { listReminders, type Reminder } from '@pursuit/api/server';
import { withUser, type Database } from '@pursuit/db';
import { parseCronItems, type ParsedCronItem, type TaskList } from 'graphile-worker';
import nodemailer from 'nodemailer';

export const DIGEST_TASK = 'pursuit_email_digest';

const HOUR_MS = 60 * 60 * 1000;

export interface DigestOptions {
  /** The owner role: the one client that may list who has the digest on. */
  owner: Database;
  /** The request role: each person's reminders are read under their own RLS. */
  app: Database;
  /** SMTP_URL; the digest runs only when it is set. */
  smtpUrl: string;
  /** DIGEST_FROM. */
  from: string;
  /** ORIGIN, for the links in the mail. */
  origin: string;
  ghostedAfterDays: number;
  log: (line: string) => void;
}

/**
 * 07:00 UTC every day. A worker that was down then catches up within 12
 * hours (backfill), and the job key keeps one run per tick across instances;
 * one attempt only, since a retry would mail everyone sent before the failure again.
 */
export const digestSchedule: ParsedCronItem[] = parseCronItems([
  {
    task: DIGEST_TASK,
    match: '0 7 * * *',
    identifier: DIGEST_TASK,
    options: { backfillPeriod: 12 * HOUR_MS, maxAttempts: 1, jobKey: DIGEST_TASK },
  },
]);

const GROUPS: { heading: string; kinds: Reminder['kind'][] }[] = [
  { heading: 'Follow-ups due', kinds: ['follow_up'] },
  { heading: 'Interviews in the next 48 hours', kinds: ['interview'] },
  { heading: 'Offer deadlines in the next 72 hours', kinds: ['offer_deadline'] },
  { heading: 'Gone quiet', kinds: ['quiet'] },
];

const when = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

/** When an item is due, as the mail says it (follow-ups and quiet ones need no time). */
function dueText(item: Reminder): string | null {
  return item.kind === 'interview' || item.kind === 'offer_deadline'
    ? when.format(item.dueAt)
    : null;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface DigestMail {
  subject: string;
  text: string;
  html: string;
}

/** One person's digest; every value from the database is escaped in the HTML. */
export function composeDigest(name: string, items: Reminder[], origin: string): DigestMail {
  const link = (item: Reminder) => `${origin}/applications/${item.applicationId}`;
  const subject = `Pursuit: ${items.length} thing${items.length === 1 ? '' : 's'} due today`;
  const text: string[] = [`Hello ${name},`, '', 'Here is what is due in your search today.'];
  const html: string[] = [
    `<p>Hello ${escapeHtml(name)},</p>`,
    '<p>Here is what is due in your search today.</p>',
  ];
  for (const group of GROUPS) {
    const inGroup = items.filter((item) => group.kinds.includes(item.kind));
    if (inGroup.length === 0) continue;
    text.push('', group.heading.toUpperCase());
    html.push(
      `<h2 style="font-size:16px;margin:16px 0 4px">${escapeHtml(group.heading)}</h2>`,
      '<ul>',
    );
    for (const item of inGroup) {
      const due = dueText(item);
      text.push(`- ${item.title}${due ? ` (${due})` : ''}`, `  ${item.detail}`, `  ${link(item)}`);
      html.push(
        `<li><a href="${escapeHtml(link(item))}">${escapeHtml(item.title)}</a>` +
          `${due ? ` <span>(${escapeHtml(due)})</span>` : ''}<br><small>${escapeHtml(item.detail)}</small></li>`,
      );
    }
    html.push('</ul>');
  }
  const settings = `${origin}/settings`;
  text.push('', `Turn this email off in your settings: ${settings}`);
  html.push(
    `<p style="color:#666;font-size:12px">Turn this email off in your <a href="${escapeHtml(settings)}">settings</a>.</p>`,
  );
  return { subject, text: `${text.join('\n')}\n`, html: html.join('\n') };
}

/** Sends today's digests; returns how many mails went out. */
export async function sendDigests(options: DigestOptions): Promise<number> {
  const transport = nodemailer.createTransport(options.smtpUrl);
  try {
    const recipients = await options.owner.sql<
      { id: string; email: string; display_name: string }[]
    >`select id, email, display_name from users
       where email_digest and disabled_at is null order by created_at`;
    let sent = 0;
    for (const person of recipients) {
      try {
        const { items } = await withUser(options.app, person.id, (tx) =>
          listReminders(tx, person.id, {}, options.ghostedAfterDays),
        );
        if (items.length === 0) continue;
        const mail = composeDigest(person.display_name, items, options.origin);
        await transport.sendMail({ from: options.from, to: person.email, ...mail });
        sent += 1;
      } catch (error) {
        // One bad address must not stop everyone else's digest.
        options.log(`digest for user ${person.id} failed: ${String(error)}`);
      }
    }
    return sent;
  } finally {
    transport.close();
  }
}

/** The crontab items and task for the digest: none at all without SMTP_URL. */
export function digestJobs(options: DigestOptions | null): {
  schedule: ParsedCronItem[];
  tasks: TaskList;
} {
  if (!options) return { schedule: [], tasks: {} };
  return {
    schedule: digestSchedule,
    tasks: {
      [DIGEST_TASK]: async () => {
        try {
          const sent = await sendDigests(options);
          options.log(`digest: sent ${sent} email${sent === 1 ? '' : 's'}`);
        } catch (error) {
          options.log(`digest failed: ${String(error)}`);
        }
      },
    },
  };
}
