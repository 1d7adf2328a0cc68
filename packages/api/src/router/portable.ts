// Data in and out in standard formats: JSON Resume (preview, import, export)
// and applications from CSV (preview, import). The whole-account JSON and the
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
import { withUser, type Tx } from '@pursuit/db';
import {
  checkCsv,
  CSV_FIELDS,
  csvRejection,
  FIELD_LABELS,
  insertCsvRows,
  markDuplicates,
  trackedUrls,
  urlsIn,
  type CsvMapping,
} from '../portable/csv-import';
import { rejectImport } from '../portable/issues';
import { parseJsonResume } from '../portable/json-resume/from-json-resume';
import { readResumeData } from '../portable/json-resume/model';
import { applyImport, planImport } from '../portable/json-resume/plan';
import { toJsonResume } from '../portable/json-resume/to-json-resume';
import { protectedProcedure } from '../trpc';

const mode = z.enum(['merge', 'replace'], { error: 'Mode must be merge or replace.' });
const document = z.unknown().refine((v) => v !== undefined, 'Choose a JSON Resume file to import.');

const csvText = z
  .string({ error: 'Choose a CSV file to import.' })
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

/** Checks the file, marking rows whose job URL the user already tracks. */
async function checkCsvFor(tx: Tx, userId: string, csv: string, map?: CsvMapping) {
  const check = checkCsv(csv, map);
  return markDuplicates(check, await trackedUrls(tx, userId, urlsIn(check)));
}

export const portableRouter = {
  exportJsonResume: protectedProcedure.query(({ ctx }) =>
    withUser(ctx.db, ctx.user.id, async (tx) =>
      toJsonResume(await readResumeData(tx, ctx.user.id)),
    ),
  ),

  previewJsonResume: protectedProcedure
    .input(z.object({ document, mode: mode.default('merge') }))
    .mutation(({ ctx, input }) =>
      withUser(ctx.db, ctx.user.id, async (tx) => {
        const parsed = parseJsonResume(input.document);
        if (parsed.issues.length) {
          return {
            valid: false as const,
            issues: parsed.issues,
            warnings: parsed.warnings,
            mode: input.mode,
            sections: [],
            basicsChanges: [],
          };
        }
        const plan = planImport(input.mode, await readResumeData(tx, ctx.user.id), parsed.incoming);
        return {
          valid: true as const,
          issues: [],
          warnings: parsed.warnings,
          mode: plan.mode,
          sections: plan.sections,
          basicsChanges: plan.basicsChanges,
        };
      }),
    ),

  importJsonResume: protectedProcedure
    .input(z.object({ document, mode }))
    .mutation(({ ctx, input }) => {
      const parsed = parseJsonResume(input.document);
      if (parsed.issues.length) {
        throw rejectImport(
          parsed.issues,
          'The file is not a valid JSON Resume; nothing was imported.',
        );
      }
      return withUser(ctx.db, ctx.user.id, async (tx) => {
        const plan = planImport(input.mode, await readResumeData(tx, ctx.user.id), parsed.incoming);
        await applyImport(tx, ctx.user.id, plan);
        return { mode: plan.mode, sections: plan.sections, warnings: parsed.warnings };
      });
    }),

  previewCsv: protectedProcedure
    .input(z.object({ csv: csvText, mapping: mapping.optional() }))
    .mutation(({ ctx, input }) =>
      withUser(ctx.db, ctx.user.id, async (tx) => {
        const check = await checkCsvFor(tx, ctx.user.id, input.csv, input.mapping);
        return {
          ...check,
          fields: CSV_FIELDS.map((field) => ({ field, label: FIELD_LABELS[field] })),
        };
      }),
    ),

  importCsv: protectedProcedure
    .input(z.object({ csv: csvText, mapping }))
    .mutation(({ ctx, input }) =>
      withUser(ctx.db, ctx.user.id, async (tx) => {
        const check = await checkCsvFor(tx, ctx.user.id, input.csv, input.mapping);
        if (check.fileErrors.length || check.summary.invalid > 0) throw csvRejection(check);
        const result = await insertCsvRows(tx, ctx.user.id, check);
        return { rows: check.summary.rows, ...result };
      }),
    ),
} satisfies TRPCRouterRecord;
