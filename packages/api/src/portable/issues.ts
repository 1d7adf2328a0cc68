// How an importer reports what is wrong with a file: one issue per problem,
// each with the place in the file (work[0].startDate, row 7) and a message.
// Rejecting throws BAD_REQUEST whose cause carries the issues, so the shared
// error formatter lists every one in data.fieldErrors, keyed by place.
import { TRPCError } from '@trpc/server';

export interface Issue {
  /** Where in the file: a JSON path like basics.profiles[1].url, or "row 7". */
  path: string;
  message: string;
}

/** The cause of an import refused for its content; trpc.ts formats `issues`. */
export class ImportRejected extends Error {
  readonly issues: { path: [string]; message: string }[];
  constructor(issues: Issue[]) {
    super(`${issues.length} problem${issues.length === 1 ? '' : 's'} in the file`);
    this.issues = issues.map((issue) => ({ path: [issue.path], message: issue.message }));
  }
}

export function rejectImport(issues: Issue[], summary: string): TRPCError {
  return new TRPCError({
    code: 'BAD_REQUEST',
    message: summary,
    cause: new ImportRejected(issues),
  });
}

/** A JSON path as people read it: work[0].startDate, basics["odd key"]. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out || '(document)';
}
