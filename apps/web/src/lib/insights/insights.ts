// What the Insights page shows, as pure functions: the date range, the
// numbers formatted for reading, the rows of each chart's table, and the
// one-sentence summaries that the charts' canvases carry as their label.
import type { RouterInputs, RouterOutputs } from '@pursuit/api';
import { STAGE_LABELS } from '$lib/api/labels';

export type Summary = RouterOutputs['insights']['summary'];
export type Snapshot = RouterOutputs['insights']['snapshots']['snapshots'][number];
export type SummaryInput = NonNullable<RouterInputs['insights']['summary']>;
type Stage = keyof Summary['stages'];

export type Range = 'all' | '30' | '90';

export const RANGES: { value: Range; label: string }[] = [
  { value: 'all', label: 'All time' },
  { value: '90', label: 'Last 90 days' },
  { value: '30', label: 'Last 30 days' },
];

const DAY_MS = 86_400_000;

/** The summary's input for a range, counted back from `now`. */
export function rangeInput(range: Range, now: number = Date.now()): SummaryInput {
  if (range === 'all') return {};
  return { from: new Date(now - Number(range) * DAY_MS) };
}

/** "50%", "33.3%"; an em dash when there is nothing to divide by. */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  const percent = rate * 100;
  const rounded = Math.round(percent * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)}%`;
}

/** "17.5 days", "1 day"; an em dash when unknown. */
export function formatDays(days: number | null): string {
  if (days === null) return '—';
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

export interface Headline {
  key: string;
  label: string;
  value: string;
  definition: string;
}

/** The headline numbers, each with the definition it is counted by. */
export function headlines(s: Summary): Headline[] {
  const d = s.definitions;
  return [
    { key: 'applied', label: 'Applied', value: String(s.applied), definition: d.applied },
    { key: 'responded', label: 'Responded', value: String(s.responded), definition: d.responded },
    {
      key: 'ghosted',
      label: 'Ghosted',
      value: String(s.ghosted),
      definition: `${d.ghosted} Here N = ${s.ghostedAfterDays}.`,
    },
    {
      key: 'responseRate',
      label: 'Response rate',
      value: formatRate(s.responseRate),
      definition: d.responseRate,
    },
    {
      key: 'interviewRate',
      label: 'Interview rate',
      value: formatRate(s.interviewRate),
      definition: d.interviewRate,
    },
    {
      key: 'offerRate',
      label: 'Offer rate',
      value: formatRate(s.offerRate),
      definition: d.offerRate,
    },
    {
      key: 'medianDaysToFirstResponse',
      label: 'Median time to first response',
      value: formatDays(s.medianDaysToFirstResponse),
      definition: d.medianDaysToFirstResponse,
    },
  ];
}

export interface FunnelStep {
  label: string;
  count: number;
  /** Share of applied, or null when nothing was applied. */
  ofApplied: number | null;
}

/** Applied → responded → interviewing → offer → accepted. */
export function funnel(s: Summary): FunnelStep[] {
  const share = (n: number) => (s.applied === 0 ? null : n / s.applied);
  return [
    { label: 'Applied', count: s.applied, ofApplied: share(s.applied) },
    { label: 'Responded', count: s.responded, ofApplied: share(s.responded) },
    { label: 'Interviewing', count: s.interviewing, ofApplied: share(s.interviewing) },
    { label: 'Offer', count: s.offers, ofApplied: share(s.offers) },
    { label: 'Accepted', count: s.accepted, ofApplied: share(s.accepted) },
  ];
}

export function describeFunnel(steps: FunnelStep[]): string {
  if (steps[0]!.count === 0) return 'Funnel: no applications applied in this range.';
  return `Funnel: ${steps.map((step) => `${step.count} ${step.label.toLowerCase()}`).join(', ')}.`;
}

/** The stages a card waits in; time in a closing stage is only its age. */
export const OPEN_STAGES: Stage[] = ['interested', 'applied', 'interviewing', 'offer'];

export interface StageTime {
  stage: Stage;
  label: string;
  days: number | null;
}

export function stageTimes(s: Summary): StageTime[] {
  return OPEN_STAGES.map((stage) => ({
    stage,
    label: STAGE_LABELS[stage],
    days: s.medianDaysInStage[stage],
  }));
}

export function describeStageTimes(rows: StageTime[]): string {
  const known = rows.filter((r) => r.days !== null);
  if (known.length === 0) return 'Median time in stage: no stage history yet.';
  return `Median time in stage: ${known.map((r) => `${r.label} ${formatDays(r.days)}`).join(', ')}.`;
}

/** "Week of 23 Nov 2026" from a Monday's "2026-11-23". */
export function weekLabel(weekStart: string): string {
  const date = new Date(`${weekStart}T00:00:00Z`);
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

export function describeWeekly(weeks: Summary['weekly']): string {
  if (weeks.length === 0) return 'Weekly activity: nothing added or applied yet.';
  const added = weeks.reduce((n, w) => n + w.added, 0);
  const applied = weeks.reduce((n, w) => n + w.applied, 0);
  const busiest = weeks.reduce((best, w) => (w.applied > best.applied ? w : best), weeks[0]!);
  const peak =
    busiest.applied > 0
      ? ` The busiest week was ${weekLabel(busiest.weekStart)} with ${busiest.applied} applied.`
      : '';
  return `Weekly activity over ${weeks.length} ${weeks.length === 1 ? 'week' : 'weeks'}: ${added} added, ${applied} applied.${peak}`;
}

export function describeBreakdown(title: string, rows: Summary['bySource']): string {
  if (rows.length === 0) return `${title}: no applications applied in this range.`;
  return `${title}: ${rows
    .map((r) => `${r.key} ${formatRate(r.responseRate)} of ${r.applied}`)
    .join(', ')}.`;
}

export function describeSnapshots(rows: Snapshot[]): string {
  const rated = rows.filter((r) => r.responseRate !== null);
  if (rated.length === 0) return 'Response rate trend: no daily snapshots yet.';
  const first = rated[0]!;
  const last = rated.at(-1)!;
  return `Response rate trend: ${formatRate(first.responseRate)} on ${first.day}, ${formatRate(last.responseRate)} on ${last.day}.`;
}

/** Live tables whose changes can move a number on this page. */
export const INSIGHT_TABLES: ReadonlySet<string> = new Set([
  'applications',
  'application_stage_history',
  'sent_materials',
]);

/** Runs `fn` once `ms` after the last call: a burst of live changes costs one refetch. */
export function debounce(fn: () => void, ms: number): { (): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn();
    }, ms);
  };
  run.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return run;
}
