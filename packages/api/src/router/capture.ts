// Capture a posting (issue 14): read a job page into the fields of a new
// application without saving anything — from a URL the server fetches
// safely, from HTML the browser already has (the bookmarklet, a paste), or
// from a JSON Resume job file — and write an application out as one.
// Mutations, not queries: the input can be 2 MB and nothing is cached.
import type { TRPCRouterRecord } from '@trpc/server';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { applications } from '@pursuit/db';
import { extractPosting } from '../capture/extract';
import { fetchPage } from '../capture/fetch';
import { fromJsonResumeJob, toJsonResumeJob } from '../capture/json-resume-job';
import { reserveCaptureFetch } from '../capture/throttle';
import { id, text } from '../fields';
import { protectedProcedure, userProcedure } from '../trpc';

/** 2 MB of HTML, as the server fetch reads at most. */
const MAX_HTML = 2 * 1024 * 1024;

const pageUrl = text('Paste the address of the job posting.')
  .trim()
  .min(1, 'Paste the address of the job posting.')
  .max(2048, 'That URL is too long.');

export const captureRouter = {
  fromUrl: protectedProcedure.input(z.object({ url: pageUrl })).mutation(async ({ ctx, input }) => {
    await reserveCaptureFetch(ctx.db, ctx.user.id);
    const page = await fetchPage(input.url, { allowHosts: ctx.captureAllowHosts });
    return { ...extractPosting(page.html, page.url), url: page.url };
  }),

  fromHtml: protectedProcedure
    .input(
      z.object({
        html: text('Paste the page’s HTML or text.')
          .min(1, 'Paste the page’s HTML or text.')
          .max(MAX_HTML, 'That page is larger than 2 MB; paste only the posting.'),
        url: pageUrl.optional(),
      }),
    )
    .mutation(({ input }) => {
      // Text pasted without markup still reads as paragraphs.
      const html = /<[a-z!/]/i.test(input.html)
        ? input.html
        : input.html
            .split(/\n{2,}/)
            .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
            .join('');
      return { ...extractPosting(html, input.url ?? null), url: input.url ?? null };
    }),

  fromJsonResumeJob: protectedProcedure
    .input(
      z.object({
        job: z.unknown().refine((v) => v !== undefined, 'Choose a JSON Resume job file.'),
      }),
    )
    .mutation(({ input }) => ({ ...fromJsonResumeJob(input.job), url: null })),

  /** An application as a JSON Resume job (job-schema.json), for download. */
  exportJsonResumeJob: userProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const [application] = await ctx.tx
      .select()
      .from(applications)
      .where(eq(applications.id, input.id));
    if (!application) throw new TRPCError({ code: 'NOT_FOUND', message: 'Application not found.' });
    return toJsonResumeJob(application);
  }),
} satisfies TRPCRouterRecord;
