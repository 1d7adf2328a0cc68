// The quality figures as a Markdown table, one column per subject so two
// generators read side by side, and the offending cases (false gaps, invented
// facts) as lists a person can check.
import { COVER_LETTER_WORDS, type QualityReport, type Timing } from './evaluate';

/** The targets, shared by the test and the bench. */
export const QUALITY_TARGETS = {
  extractionPrecision: 0.85,
  extractionRecall: 0.85,
  requiredPreferredAccuracy: 0.9,
  falseGapRate: 0,
  inventedFacts: 0,
  spearman: 0.8,
  coverLetterWords: COVER_LETTER_WORDS,
} as const;

const fixed = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const share = (n: number) => (Number.isFinite(n) ? `${(n * 100).toFixed(1)}%` : 'n/a');
const millis = (n: number) =>
  Number.isFinite(n) ? (n < 10 ? `${n.toFixed(2)} ms` : `${Math.round(n)} ms`) : 'n/a';
const time = (t: Timing) => `${millis(t.median)} / ${millis(t.p95)}`;

interface Row {
  figure: string;
  target: string;
  value: (report: QualityReport) => string;
}

const ROWS: Row[] = [
  { figure: 'Pairs (jobs × profiles)', target: '', value: (r) => String(r.pairs) },
  {
    figure: 'Extraction precision (mean per job)',
    target: `≥ ${QUALITY_TARGETS.extractionPrecision}`,
    value: (r) => fixed(r.extraction.precision),
  },
  {
    figure: 'Extraction recall (mean per job)',
    target: `≥ ${QUALITY_TARGETS.extractionRecall}`,
    value: (r) => fixed(r.extraction.recall),
  },
  { figure: 'Extraction read from', target: '', value: (r) => r.extraction.source },
  {
    figure: 'Required vs preferred accuracy',
    target: `≥ ${QUALITY_TARGETS.requiredPreferredAccuracy}`,
    value: (r) =>
      `${fixed(r.requiredPreferred.accuracy)} (${r.requiredPreferred.judged - r.requiredPreferred.wrong.length} of ${r.requiredPreferred.judged})`,
  },
  {
    figure: 'False-gap rate',
    target: '0',
    value: (r) => `${share(r.falseGaps.rate)} (${r.falseGaps.count} of ${r.falseGaps.notShown})`,
  },
  {
    figure: 'Invented facts (résumé + cover letter)',
    target: '0',
    value: (r) =>
      `${r.invented.count} (skills ${r.invented.byKind.skill}, numbers ${r.invented.byKind.number}, employers ${r.invented.byKind.employer})`,
  },
  {
    figure: 'Spearman, score vs fit label',
    target: `≥ ${QUALITY_TARGETS.spearman}`,
    value: (r) => fixed(r.spearman),
  },
  {
    figure: 'Cover letter words (min / median / max)',
    target: `${COVER_LETTER_WORDS.min}–${COVER_LETTER_WORDS.max}`,
    value: (r) => {
      const w = r.coverLetter.words;
      return `${w.min} / ${w.median} / ${w.max}`;
    },
  },
  {
    figure: `Cover letters within ${COVER_LETTER_WORDS.min}–${COVER_LETTER_WORDS.max} words`,
    target: '100%',
    value: (r) => share(r.coverLetter.inRange),
  },
  {
    figure: 'Matched required items named in the cover letter',
    target: '',
    value: (r) => share(r.coverLetter.matchedRequiredNamed),
  },
  { figure: 'Match time (median / p95)', target: '', value: (r) => time(r.timing.match) },
  {
    figure: 'Research report time (median / p95)',
    target: '',
    value: (r) => time(r.timing.research_report),
  },
  {
    figure: 'Tailored résumé time (median / p95)',
    target: '',
    value: (r) => time(r.timing.optimized_resume),
  },
  {
    figure: 'Cover letter time (median / p95)',
    target: '',
    value: (r) => time(r.timing.cover_letter),
  },
];

/** The figures of one or more subjects, side by side. */
export function formatTable(reports: readonly QualityReport[]): string {
  const header = ['Figure', 'Target', ...reports.map((r) => r.subject)];
  const rows = ROWS.map((row) => [row.figure, row.target, ...reports.map(row.value)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** False gaps, invented facts, wrong required/preferred and the worst-read jobs, as lists. */
export function formatCases(report: QualityReport, limit = 40): string {
  const out: string[] = [`### ${report.subject}: cases`];
  const list = <T>(title: string, items: T[], show: (item: T) => string) => {
    out.push('', `${title}: ${items.length}`);
    for (const item of items.slice(0, limit)) out.push(`- ${show(item)}`);
    if (items.length > limit) out.push(`- … and ${items.length - limit} more`);
  };
  list(
    'False gaps (marked not shown, the profile shows it)',
    report.falseGaps.cases,
    (c) => `${c.job} × ${c.profile}: ${c.item}`,
  );
  list(
    'Invented facts',
    report.invented.cases,
    (c) =>
      `${c.job} × ${c.profile} (${c.document}) ${c.kind} "${c.value}": ${c.line.slice(0, 160)}`,
  );
  list(
    'Required vs preferred wrong',
    report.requiredPreferred.wrong,
    (w) => `${w.job}: ${w.item} read as ${w.said}, labelled ${w.label}`,
  );
  list(
    'Jobs read least well (precision / recall; missed; extra)',
    [...report.extraction.perJob]
      .sort((a, b) => a.precision + a.recall - (b.precision + b.recall))
      .filter((j) => j.precision < 1 || j.recall < 1),
    (j) =>
      `${j.job}: ${fixed(j.precision)} / ${fixed(j.recall)}; missed ${j.missed.join(', ') || '—'}; extra ${j.extra.join(', ') || '—'}`,
  );
  return out.join('\n');
}
