// Data in and out in standard formats: JSON Resume (preview, import, export)
// and applications from CSV or JSON (preview, import). The whole-account JSON and the
// applications CSV are streamed downloads served over plain HTTP by
// apps/server (see src/portable/export.ts), not procedures.
//
// Error contract: a preview reports problems in its result; an import with
// any problem changes nothing and fails with BAD_REQUEST whose
// data.fieldErrors lists every problem by place ("work[0].startDate",
// "row 7", "file"). Previews are mutations only because a file is too large
// for a GET URL; they write nothing.
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { text } from '../fields';
import { CSV_FIELDS } from '../portable/csv-mapping';
import {
  exportJsonResume,
  importApplicationsJson,
  importCsv,
  importJsonResume,
  previewApplicationsJson,
  previewCsv,
  previewJsonResume,
} from '../services/portable';
import { userProcedure } from '../trpc';

const mode = z.enum(['merge', 'replace'], { error: 'Mode must be merge or replace.' });
const document = z.unknown().refine((v) => v !== undefined, 'Choose a JSON Resume file to import.');

const csvText = text('Choose a CSV file to import.')
  .min(1, 'The file is empty.')
  .max(2_000_000, 'The file is larger than 2 MB: split it into smaller files.');
const jsonText = text('Choose a JSON file to import.')
  .min(1, 'The file is empty.')
  .max(2_000_000, 'The file is larger than 2 MB: split it into smaller files.');
const column = z.number().int().min(0, 'A column number starts at 0.').max(500).nullable();
const mapping = z.object(
  Object.fromEntries(CSV_FIELDS.map((field) => [field, column.optional()])) as Record<
    (typeof CSV_FIELDS)[number],
    z.ZodOptional<typeof column>
  >,
  { error: 'The mapping gives each field a column number (or null).' },
);

export const portableRouter = {
  exportJsonResume: userProcedure.query(({ ctx }) => exportJsonResume(ctx.tx, ctx.user.id)),

  previewJsonResume: userProcedure
    .input(z.object({ document, mode: mode.default('merge') }))
    .mutation(({ ctx, input }) => previewJsonResume(ctx.tx, ctx.user.id, input)),

  importJsonResume: userProcedure
    .input(z.object({ document, mode }))
    .mutation(({ ctx, input }) => importJsonResume(ctx.tx, ctx.user.id, input)),

  previewCsv: userProcedure
    .input(z.object({ csv: csvText, mapping: mapping.optional() }))
    .mutation(({ ctx, input }) => previewCsv(ctx.tx, ctx.user.id, input)),

  importCsv: userProcedure
    .input(z.object({ csv: csvText, mapping }))
    .mutation(({ ctx, input }) => importCsv(ctx.tx, ctx.user.id, input)),

  /** Pursuit's "export everything" file or a list of objects with the CSV field names. */
  previewApplicationsJson: userProcedure
    .input(z.object({ text: jsonText }))
    .mutation(({ ctx, input }) => previewApplicationsJson(ctx.tx, ctx.user.id, input)),

  importApplicationsJson: userProcedure
    .input(z.object({ text: jsonText }))
    .mutation(({ ctx, input }) => importApplicationsJson(ctx.tx, ctx.user.id, input)),
} satisfies TRPCRouterRecord;
