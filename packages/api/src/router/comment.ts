// Comments on an application (services/comment.ts holds the rules): the
// thread, writing, editing and deleting, and marking it read.
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { COMMENT_MAX_LENGTH } from '@pursuit/db';
import { id, text, tooLong } from '../fields';
import {
  createComment,
  deleteComment,
  listComments,
  markCommentsRead,
  updateComment,
} from '../services/comment';
import { userProcedure } from '../trpc';

// Markdown, kept as typed (leading spaces may matter), but never blank.
const body = text('Write your comment.')
  .max(COMMENT_MAX_LENGTH, tooLong('A comment', COMMENT_MAX_LENGTH))
  .refine((value) => value.trim() !== '', 'Write something before posting.');

export const commentRouter = {
  list: userProcedure
    .input(z.object({ applicationId: id }))
    .query(({ ctx, input }) => listComments(ctx.tx, ctx.user.id, input.applicationId)),

  create: userProcedure
    .input(z.object({ applicationId: id, body }))
    .mutation(({ ctx, input }) => createComment(ctx.tx, ctx.user.id, input)),

  update: userProcedure
    .input(z.object({ id, body }))
    .mutation(({ ctx, input }) => updateComment(ctx.tx, ctx.user.id, input)),

  delete: userProcedure
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => deleteComment(ctx.tx, ctx.user.id, input.id)),

  markRead: userProcedure
    .input(z.object({ applicationId: id }))
    .mutation(({ ctx, input }) => markCommentsRead(ctx.tx, ctx.user.id, input.applicationId)),
} satisfies TRPCRouterRecord;
