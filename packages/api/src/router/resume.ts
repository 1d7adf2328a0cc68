// Base resumes (Markdown): list, read, write, duplicate, and the primary one
// the generators start from. The primary rule lives in services/resume.ts.
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { RESUME_MIN_LENGTH } from '@pursuit/db';
import { id, optionalText, requiredText, text } from '../fields';
import { ownerInput, readableOwner } from '../services/access';
import {
  createResume,
  deleteResume,
  duplicateResume,
  listResumes,
  readResume,
  RESUME_NAME_MAX,
  setPrimaryResume,
  updateResume,
} from '../services/resume';
import { userProcedure } from '../trpc';

export const resumeFields = {
  name: requiredText('Give the resume a name.', 'The name', RESUME_NAME_MAX),
  content: text('Write the resume in Markdown.')
    .min(
      RESUME_MIN_LENGTH,
      `A base resume needs at least ${RESUME_MIN_LENGTH} characters for the generators to work from.`,
    )
    .max(200_000, 'A resume can be at most 200,000 characters.')
    .refine((text) => text.trim().length >= RESUME_MIN_LENGTH, {
      message: `A base resume needs at least ${RESUME_MIN_LENGTH} characters of text, not just spaces.`,
    }),
  focusArea: optionalText('The focus area', 200),
};

export const resumeRouter = {
  /**
   * Every resume without its text (the list view); byId has the text. The
   * caller's, or those of an owner whose search is shared with them.
   */
  list: userProcedure
    .input(ownerInput)
    .query(async ({ ctx, input }) =>
      listResumes(ctx.tx, await readableOwner(ctx.tx, ctx.user.id, input.ownerId)),
    ),

  byId: userProcedure
    .input(z.object({ id }))
    .query(({ ctx, input }) => readResume(ctx.tx, input.id)),

  create: userProcedure
    .input(z.object({ ...resumeFields, isPrimary: z.boolean().optional() }))
    .mutation(({ ctx, input }) => createResume(ctx.tx, ctx.user.id, input)),

  update: userProcedure
    .input(
      z.object({
        id,
        name: resumeFields.name.optional(),
        content: resumeFields.content.optional(),
        focusArea: resumeFields.focusArea,
      }),
    )
    .mutation(({ ctx, input }) => {
      const { id: resumeId, ...changes } = input;
      return updateResume(ctx.tx, resumeId, changes);
    }),

  setPrimary: userProcedure
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => setPrimaryResume(ctx.tx, ctx.user.id, input.id)),

  duplicate: userProcedure
    .input(z.object({ id, name: resumeFields.name.optional() }))
    .mutation(({ ctx, input }) => duplicateResume(ctx.tx, ctx.user.id, input.id, input.name)),

  delete: userProcedure
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => deleteResume(ctx.tx, ctx.user.id, input.id)),
} satisfies TRPCRouterRecord;
