// The narrow definer functions of migration 0012 (invitations, admin) raise
// their own SQLSTATEs with a sentence meant for the person; this turns the
// ones a caller names into that tRPC code with that sentence. The error is
// raised without its database cause, so translateErrors (errors.ts) keeps it.
import { TRPCError } from '@trpc/server';

type Code = TRPCError['code'];

function sqlStateOf(error: unknown): { code: string; message: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    if (
      typeof current === 'object' &&
      'code' in current &&
      typeof current.code === 'string' &&
      /^[0-9A-Z]{5}$/.test(current.code) &&
      'message' in current &&
      typeof current.message === 'string'
    ) {
      return { code: current.code, message: current.message };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Runs `work`; a database error whose SQLSTATE is in `codes` becomes that TRPCError. */
export async function withSqlStates<T>(
  codes: Partial<Record<string, Code>>,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const state = sqlStateOf(error);
    const code = state && codes[state.code];
    if (state && code) throw new TRPCError({ code, message: state.message });
    throw error;
  }
}
