// The offline queue's rules, with no storage or network in them: what a new
// change does to the changes already waiting (coalescing), how ids of
// applications created offline are replaced by the created rows' ids, how a
// version conflict met on replay splits into retries and real conflicts, and
// how waiting changes are shown on top of the last data from the server.
import { applyMove } from '$lib/board/board';
import type {
  ApplicationDetail,
  ApplicationRow,
  Card,
  CreateApplicationInput,
  Stage,
} from '$lib/api/types';
import { resolveField } from '$lib/application/conflict';
import { textOf, type FieldKey, type FieldPatch } from '$lib/application/fields';

/** One field of a queued update: what the person saw, what they typed, and the API's patch for it. */
export interface QueuedField {
  base: string;
  mine: string;
  patch: FieldPatch;
}

/** The fields an offline edit can change: the inline fields and the notes. */
export type EditableKey = FieldKey | 'notes';

export type QueuedChange =
  | {
      kind: 'move';
      id: string;
      /** The version the card had when moved (to carry later edits past this move). */
      version?: number;
      stage: Stage;
      position?: string;
      rejectionReason?: string;
      /** "Acme — Engineer", for what the queue and its errors say. */
      label: string;
    }
  | {
      kind: 'update';
      id: string;
      /** The version the edits were made on: the server's version check. */
      version: number;
      fields: Partial<Record<EditableKey, QueuedField>>;
      label: string;
    }
  | {
      kind: 'create';
      /** The id the new card has until the server gives it one (a UUID made here). */
      clientId: string;
      input: CreateApplicationInput;
      label: string;
    };

/** The id a change applies to (a client id for a create). */
export function targetOf(change: QueuedChange): string {
  return change.kind === 'create' ? change.clientId : change.id;
}

/** "1 change waiting", "3 changes waiting"; empty when nothing waits. */
export function waitingLabel(count: number): string {
  if (count === 0) return '';
  return `${count} change${count === 1 ? '' : 's'} waiting`;
}

/**
 * The queue with `next` added. Only the outcome of a card's moves matters, so
 * a later move replaces an earlier one (and goes last). Edits of one
 * application join the first waiting edit of it: each field keeps the value
 * the person first saw (its base, for the conflict check) and the last value
 * typed; a field typed back to its base is dropped, and an edit with no field
 * left is dropped. Creates are never merged.
 */
export function enqueue(queue: readonly QueuedChange[], next: QueuedChange): QueuedChange[] {
  if (next.kind === 'move') {
    return [...queue.filter((c) => !(c.kind === 'move' && c.id === next.id)), next];
  }
  if (next.kind === 'create') return [...queue, next];
  const index = queue.findIndex((c) => c.kind === 'update' && c.id === next.id);
  const earlier = index === -1 ? null : queue[index];
  if (!earlier || earlier.kind !== 'update') {
    const fields = withoutUnchanged(next.fields);
    return Object.keys(fields).length ? [...queue, { ...next, fields }] : [...queue];
  }
  const fields = { ...earlier.fields };
  for (const [key, field] of entries(next.fields)) {
    fields[key] = { ...field, base: earlier.fields[key]?.base ?? field.base };
  }
  const merged = { ...earlier, fields: withoutUnchanged(fields) };
  const result = [...queue];
  if (Object.keys(merged.fields).length) result[index] = merged;
  else result.splice(index, 1);
  return result;
}

function withoutUnchanged(
  fields: Partial<Record<EditableKey, QueuedField>>,
): Partial<Record<EditableKey, QueuedField>> {
  return Object.fromEntries(entries(fields).filter(([, field]) => field.mine !== field.base));
}

export function entries(
  fields: Partial<Record<EditableKey, QueuedField>>,
): [EditableKey, QueuedField][] {
  return Object.entries(fields) as [EditableKey, QueuedField][];
}

/** The API patch of an update's fields, merged. */
export function patchOf(fields: Partial<Record<EditableKey, QueuedField>>): FieldPatch {
  return Object.assign({}, ...entries(fields).map(([, field]) => field.patch)) as FieldPatch;
}

/** What the server gave an application created offline. */
export interface CreatedRow {
  id: string;
  version: number;
}

/**
 * A change with a client id replaced by the created row's id. An edit of an
 * application made offline was made on the row as it was created, so it is
 * checked against the created row's version.
 */
export function mapIds(
  change: QueuedChange,
  created: ReadonlyMap<string, CreatedRow>,
): QueuedChange {
  if (change.kind === 'create') return change;
  const row = created.get(change.id);
  if (!row) return change;
  return change.kind === 'update'
    ? { ...change, id: row.id, version: row.version }
    : { ...change, id: row.id };
}

/**
 * A replayed change of `id` took it from version `from` to `to`. When that was
 * the only write between them (`to` is `from` + 1), later edits made on `from`
 * were made on what is now `to`: they move along instead of meeting a conflict
 * of their own making. Otherwise they keep `from`, and the version check decides.
 */
export function rebaseVersions(
  queue: readonly QueuedChange[],
  id: string,
  from: number,
  to: number,
): QueuedChange[] {
  if (to !== from + 1) return [...queue];
  return queue.map((change) =>
    change.kind === 'update' && change.id === id && change.version === from
      ? { ...change, version: to }
      : change,
  );
}

/** A field both sides changed, kept for the person to decide (the conflict view). */
export interface FieldConflict {
  applicationId: string;
  field: EditableKey;
  label: string;
  base: string;
  mine: string;
  theirs: string;
  theirsVersion: number;
  /** The API patch that saves `mine` ("keep mine" sends it on their version). */
  patch: FieldPatch;
}

/** The text of a field (or the notes) as the editors compare it. */
export function fieldText(row: ApplicationRow | ApplicationDetail, key: EditableKey): string {
  return key === 'notes' ? (row.notes ?? '') : textOf(row, key);
}

/**
 * A queued update met a newer version on replay. Each field: the other side
 * saved the same → done; did not touch it → retried on their version; changed
 * it differently → a conflict for the person, never overwritten.
 */
export function splitOnConflict(
  change: Extract<QueuedChange, { kind: 'update' }>,
  current: ApplicationRow,
): { retry: Extract<QueuedChange, { kind: 'update' }> | null; conflicts: FieldConflict[] } {
  const retry: Partial<Record<EditableKey, QueuedField>> = {};
  const conflicts: FieldConflict[] = [];
  for (const [key, field] of entries(change.fields)) {
    const theirs = fieldText(current, key);
    const resolution = resolveField(field.base, field.mine, theirs);
    if (resolution.kind === 'retry') retry[key] = field;
    else if (resolution.kind === 'conflict') {
      conflicts.push({
        applicationId: current.id,
        field: key,
        label: change.label,
        base: field.base,
        mine: field.mine,
        theirs,
        theirsVersion: current.version,
        patch: field.patch,
      });
    }
  }
  return {
    retry: Object.keys(retry).length
      ? { ...change, version: current.version, fields: retry }
      : null,
    conflicts,
  };
}

/** A card for an application created offline, shown until the server has it. */
export function draftCard(
  change: Extract<QueuedChange, { kind: 'create' }>,
  userId: string,
  position: string,
  now: Date,
): Card {
  const input = change.input;
  return {
    id: change.clientId,
    userId,
    // Made by the server from the name; nothing reads it from a card.
    companyId: '',
    companyName: input.companyName,
    roleTitle: input.roleTitle,
    jobUrl: input.jobUrl ?? null,
    location: input.location ?? null,
    workArrangement: input.workArrangement ?? null,
    employmentType: input.employmentType ?? null,
    salaryMin: input.salaryMin ?? null,
    salaryMax: input.salaryMax ?? null,
    salaryCurrency: input.salaryCurrency ?? null,
    priority: input.priority ?? 'medium',
    stage: input.stage ?? 'interested',
    researchCompleted: false,
    resumeOptimized: false,
    coverLetterGenerated: false,
    matchScore: null,
    notes: input.notes ?? null,
    source: input.source ?? null,
    // The server works the applied date out (it may be "today"); shown once synced.
    appliedAt: null,
    rejectionReason: input.rejectionReason ?? null,
    followUpOn: input.followUpOn ?? null,
    position,
    archivedAt: null,
    private: false,
    version: 1,
    createdAt: now,
    updatedAt: now,
    unreadComments: 0,
  };
}

/**
 * The board as the person left it: the last cards from the server with the
 * waiting changes on top (moves, edited fields shown on cards, drafts).
 */
export function overlayCards(
  cards: readonly Card[],
  queue: readonly QueuedChange[],
  userId: string,
  position: (stage: Stage, cards: readonly Card[]) => string,
  now = new Date(),
): Card[] {
  let result = [...cards];
  for (const change of queue) {
    if (change.kind === 'move') {
      const card = result.find((c) => c.id === change.id);
      if (!card) continue;
      result = applyMove(result, {
        id: change.id,
        stage: change.stage,
        position: change.position ?? position(change.stage, result),
      });
    } else if (change.kind === 'update') {
      result = result.map((card) =>
        card.id === change.id ? ({ ...card, ...patchOf(change.fields) } as Card) : card,
      );
    } else {
      const stage = change.input.stage ?? 'interested';
      result = [...result, draftCard(change, userId, position(stage, result), now)];
    }
  }
  return result;
}

/** One application as the person left it: the last detail with their waiting edits on top. */
export function overlayDetail<T extends ApplicationDetail>(
  detail: T,
  queue: readonly QueuedChange[],
): T {
  let result = detail;
  for (const change of queue) {
    if (change.kind === 'update' && change.id === detail.id) {
      result = { ...result, ...patchOf(change.fields) };
    } else if (change.kind === 'move' && change.id === detail.id) {
      result = { ...result, stage: change.stage };
    }
  }
  return result;
}
