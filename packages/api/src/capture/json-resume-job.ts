// JSON Resume's job schema (job-schema.json in npm @jsonresume/schema, the
// shape of its sample.job.json): a posting read from it into the same fields
// a captured page gives, and an application written out in it. Validated
// with `jsonschema`, as the reference tooling does.
import jobSchema from '@jsonresume/schema/job-schema.json' with { type: 'json' };
import { TRPCError } from '@trpc/server';
import { Validator } from 'jsonschema';
import type { Application } from '@pursuit/db';
import { mergeCandidates, type CapturedFields, type Extraction } from './extract';

const validator = new Validator();

/** A JSON Resume job, as job-schema.json describes it (every field optional). */
export interface JsonResumeJob {
  title?: string;
  company?: string;
  type?: string;
  date?: string;
  description?: string;
  location?: {
    address?: string;
    postalCode?: string;
    city?: string;
    countryCode?: string;
    region?: string;
  };
  remote?: 'Full' | 'Hybrid' | 'None';
  salary?: string;
  experience?: string;
  responsibilities?: string[];
  qualifications?: string[];
  skills?: Array<{ name?: string; level?: string; keywords?: string[] }>;
  meta?: { canonical?: string; version?: string; lastModified?: string };
}

const REMOTE = { Full: 'remote', Hybrid: 'hybrid', None: 'onsite' } as const;
const REMOTE_OUT = { remote: 'Full', hybrid: 'Hybrid', onsite: 'None' } as const;
const TYPE_OUT: Record<NonNullable<Application['employmentType']>, string> = {
  full_time: 'Full-time',
  part_time: 'Part-time',
  contract: 'Contract',
  freelance: 'Freelance',
  internship: 'Internship',
};
const TYPE_IN: Record<string, CapturedFields['employmentType']> = {
  fulltime: 'full_time',
  permanent: 'full_time',
  parttime: 'part_time',
  contract: 'contract',
  contractor: 'contract',
  temporary: 'contract',
  freelance: 'freelance',
  internship: 'internship',
  intern: 'internship',
};
const SYMBOLS: Record<string, string> = { '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR' };

/** Every way `job` breaks the JSON Resume job schema, as "path: problem" sentences. */
export function jsonResumeJobProblems(job: unknown): string[] {
  if (typeof job !== 'object' || job === null || Array.isArray(job)) {
    return ['A JSON Resume job is a JSON object.'];
  }
  return validator
    .validate(job, jobSchema)
    .errors.map(
      (error) => `${error.property.replace(/^instance\.?/, '') || 'job'} ${error.message}.`,
    );
}

/** "100000", "$90k–$120k", "80,000 - 95,000 EUR": numbers and a currency when written. */
function parseSalary(value: string): {
  min: number | null;
  max: number | null;
  currency: string | null;
} {
  const numbers = [...value.matchAll(/(\d[\d,]*(?:\.\d+)?)\s*(k\b)?/gi)].map(
    (m) => Number(m[1]!.replace(/,/g, '')) * (m[2] ? 1000 : 1),
  );
  const code = /\b([A-Z]{3})\b/.exec(value)?.[1] ?? null;
  const symbol = Object.keys(SYMBOLS).find((s) => value.includes(s));
  const currency = code ?? (symbol ? SYMBOLS[symbol]! : null);
  if (numbers.length === 0) return { min: null, max: null, currency };
  return { min: Math.min(...numbers), max: Math.max(...numbers), currency };
}

function section(heading: string, items: string[] | undefined): string | null {
  const lines = (items ?? []).map((i) => i.trim()).filter((i) => i !== '');
  return lines.length === 0 ? null : `${heading}\n${lines.map((l) => `- ${l}`).join('\n')}`;
}

/** A JSON Resume job as the fields of a new application; BAD_REQUEST listing problems when it is not one. */
export function fromJsonResumeJob(input: unknown, today = new Date()): Extraction {
  const problems = jsonResumeJobProblems(input);
  if (problems.length > 0) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `That is not a JSON Resume job: ${problems.slice(0, 5).join(' ')}`,
    });
  }
  const job = input as JsonResumeJob;
  const warnings: string[] = [];
  const fields: Partial<CapturedFields> = {
    roleTitle: job.title?.trim() || null,
    companyName: job.company?.trim() || null,
    employmentType: job.type
      ? (TYPE_IN[job.type.toLowerCase().replace(/[^a-z]/g, '')] ?? null)
      : null,
    workArrangement: job.remote ? REMOTE[job.remote] : null,
    postedOn: job.date && /^\d{4}-\d{2}-\d{2}$/.test(job.date) ? job.date : null,
  };
  const skills = (job.skills ?? [])
    .filter((s) => s.name)
    .map((s) => {
      const keywords = s.keywords?.length ? `: ${s.keywords.join(', ')}` : '';
      return `${s.name!}${s.level ? ` (${s.level})` : ''}${keywords}`;
    });
  const description = [
    job.description?.trim() || null,
    job.experience ? `Experience: ${job.experience}` : null,
    section('Responsibilities', job.responsibilities),
    section('Qualifications', job.qualifications),
    section('Skills', skills),
  ].filter((p): p is string => p !== null);
  if (description.length > 0) fields.description = description.join('\n\n');
  const place = job.location;
  if (place) {
    const parts = [place.city, place.region, place.countryCode]
      .map((p) => p?.trim())
      .filter((p): p is string => !!p);
    const unique = parts.filter(
      (p, i) => parts.findIndex((q) => q.toLowerCase() === p.toLowerCase()) === i,
    );
    fields.location = unique.join(', ') || place.address?.split('\n')[0]?.trim() || null;
  }
  if (job.salary) {
    const salary = parseSalary(job.salary);
    if (salary.min === null)
      warnings.push(`The salary “${job.salary}” has no number Pursuit can read.`);
    else {
      fields.salaryMin = salary.min <= 100_000_000 ? Math.round(salary.min) : null;
      fields.salaryMax =
        salary.max !== null && salary.max <= 100_000_000 ? Math.round(salary.max) : null;
      fields.salaryCurrency = salary.currency;
      if (!salary.currency)
        warnings.push('The salary names no currency; choose one before saving.');
    }
  }
  const canonical = job.meta?.canonical;
  if (canonical && /^https?:\/\//i.test(canonical)) fields.jobUrl = canonical;
  const merged = mergeCandidates([{ source: 'json-ld', fields, warnings }], null, today);
  // Every field came from the file: say so rather than "json-ld".
  return {
    ...merged,
    source: merged.source === null ? null : 'json-resume',
    fieldSources: Object.fromEntries(
      Object.keys(merged.fieldSources).map((key) => [key, 'json-resume']),
    ),
  };
}

/** An application as a JSON Resume job (valid against job-schema.json). */
export function toJsonResumeJob(application: Application): JsonResumeJob {
  const job: JsonResumeJob = {
    title: application.roleTitle,
    company: application.companyName,
    description: application.jobDescription,
  };
  if (application.employmentType) job.type = TYPE_OUT[application.employmentType];
  if (application.location) job.location = { address: application.location };
  if (application.workArrangement) job.remote = REMOTE_OUT[application.workArrangement];
  const { salaryMin: min, salaryMax: max, salaryCurrency: currency } = application;
  if (min !== null || max !== null) {
    const range =
      min !== null && max !== null && min !== max ? `${min}-${max}` : String(min ?? max);
    job.salary = currency ? `${range} ${currency}` : range;
  }
  job.meta = {
    ...(application.jobUrl ? { canonical: application.jobUrl } : {}),
    version: 'v1.0.0',
    lastModified: application.updatedAt.toISOString().slice(0, 19),
  };
  return job;
}
