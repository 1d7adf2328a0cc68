// The /capture page's state: one captured posting (from the bookmarklet, a
// URL, pasted HTML or text, or a JSON Resume job file), the call that got
// it, and the values the application form starts from.
import type { RouterOutputs } from '@pursuit/api';
import { describeError } from '$lib/api/errors';
import { trpc } from '$lib/api/trpc';
import type { CreateApplicationInput } from '$lib/api/types';
import { decodePayload, payloadToHtml } from './payload';

export type Captured = RouterOutputs['capture']['fromHtml'];
export type CapturedFields = Captured['fields'];
export type CaptureSource = NonNullable<Captured['source']>;
export type CapturedField = keyof CapturedFields;

export const SOURCE_LABELS: Record<CaptureSource, string> = {
  'json-ld': 'JSON-LD',
  microdata: 'Microdata',
  opengraph: 'Page tags',
  text: 'Page text',
  'json-resume': 'JSON Resume',
};

export const SOURCE_DESCRIPTIONS: Record<CaptureSource, string> = {
  'json-ld': 'the posting’s structured data (schema.org JobPosting in JSON-LD)',
  microdata: 'the posting’s structured data (schema.org JobPosting in microdata)',
  opengraph: 'the page’s sharing tags (OpenGraph)',
  text: 'the page’s title and text (a guess: check it)',
  'json-resume': 'the JSON Resume job file',
};

export const FIELD_LABELS: Record<CapturedField, string> = {
  companyName: 'Company',
  roleTitle: 'Role',
  description: 'Job description',
  location: 'Location',
  workArrangement: 'Work arrangement',
  employmentType: 'Employment type',
  salaryMin: 'Salary from',
  salaryMax: 'Salary to',
  salaryCurrency: 'Currency',
  jobUrl: 'Job posting URL',
  postedOn: 'Posted on',
  validThrough: 'Open until',
};

/** Where the posting was found, for the application's Source: the site's name. */
function siteOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** The form's starting values; dates the application has no field for go into its notes. */
export function initialFromCapture(captured: Captured): Partial<CreateApplicationInput> {
  const f = captured.fields;
  const dates = [
    f.postedOn ? `Posted on ${f.postedOn}.` : null,
    f.validThrough ? `Open until ${f.validThrough}.` : null,
  ].filter((line): line is string => line !== null);
  return {
    companyName: f.companyName ?? '',
    roleTitle: f.roleTitle ?? '',
    jobDescription: f.description ?? '',
    jobUrl: f.jobUrl,
    location: f.location,
    workArrangement: f.workArrangement,
    employmentType: f.employmentType,
    salaryMin: f.salaryMin,
    salaryMax: f.salaryMax,
    salaryCurrency: f.salaryCurrency,
    source: siteOf(f.jobUrl ?? captured.url),
    notes: dates.length > 0 ? dates.join(' ') : null,
  };
}

export class Capture {
  result = $state<Captured | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);
  /** Counts results, so the form is made afresh with each one. */
  version = $state(0);
  #request = 0;

  async #run(call: () => Promise<Captured>): Promise<void> {
    const request = ++this.#request;
    this.busy = true;
    this.error = null;
    try {
      const result = await call();
      if (request !== this.#request) return;
      this.result = result;
      this.version += 1;
    } catch (cause) {
      if (request === this.#request) this.error = describeError(cause).message;
    } finally {
      if (request === this.#request) this.busy = false;
    }
  }

  fromUrl(url: string): Promise<void> {
    return this.#run(() => trpc.capture.fromUrl.mutate({ url }));
  }

  fromHtml(html: string, url?: string): Promise<void> {
    return this.#run(() =>
      trpc.capture.fromHtml.mutate({ html, url: url?.trim() ? url.trim() : undefined }),
    );
  }

  /** What the bookmarklet put in the URL fragment; false when the fragment holds none. */
  async fromFragment(fragment: string): Promise<boolean> {
    let payload;
    try {
      payload = await decodePayload(fragment);
    } catch {
      this.error =
        'The bookmarklet’s data could not be read (the link may have been cut short). Paste the posting’s URL or text instead.';
      return true;
    }
    if (!payload) return false;
    await this.fromHtml(payloadToHtml(payload), payload.u);
    return true;
  }

  fromJsonResumeJob(fileText: string): Promise<void> {
    let job: unknown;
    try {
      job = JSON.parse(fileText);
    } catch {
      this.error = 'That file is not JSON: choose a JSON Resume job file (.json).';
      return Promise.resolve();
    }
    return this.#run(() => trpc.capture.fromJsonResumeJob.mutate({ job }));
  }

  clear(): void {
    this.#request += 1;
    this.result = null;
    this.error = null;
    this.busy = false;
  }
}
