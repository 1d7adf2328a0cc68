// The steps every file import goes through, whatever the format: a file is
// chosen and read, checked by the server (the preview), then imported in one
// go or cancelled. Each import supplies only its own parse, preview and apply.
import { describeError } from '$lib/api/errors';
import { readTextFile } from './portable';

export interface ImportIssue {
  path: string;
  message: string;
}

export interface ImportSteps<Source, Preview, Result> {
  /** The file's text as what is sent to the server, or why it cannot be. */
  parse: (text: string, fileName: string) => { value: Source } | { error: string };
  /** The server's check of what importing would do. */
  preview: (source: Source) => Promise<Preview>;
  /** Problems a preview lists by their path in the file (shown with a refused import). */
  issuesOf?: (preview: Preview) => ImportIssue[];
  /** Imports for real; `fileName` is for the message. */
  apply: (source: Source, fileName: string) => Promise<Result>;
}

export class ImportFlow<Source, Preview, Result> {
  fileName = $state<string | null>(null);
  preview = $state<Preview | null>(null);
  result = $state<Result | null>(null);
  /** Checking the file with the server. */
  loading = $state(false);
  importing = $state(false);
  error = $state<string | null>(null);
  issues = $state<ImportIssue[]>([]);
  #source: { value: Source } | null = null;
  readonly #steps: ImportSteps<Source, Preview, Result>;

  constructor(steps: ImportSteps<Source, Preview, Result>) {
    this.#steps = steps;
  }

  /** A file was chosen (or the choice cleared): read, parse and preview it. */
  async choose(file: File | undefined): Promise<void> {
    this.reset();
    if (!file) return;
    this.fileName = file.name;
    const read = await readTextFile(file);
    if ('error' in read) {
      this.error = read.error;
      return;
    }
    const parsed = this.#steps.parse(read.text, file.name);
    if ('error' in parsed) {
      this.error = parsed.error;
      return;
    }
    this.#source = parsed;
    await this.check();
  }

  /** Previews the chosen file again (after the person changed an option). */
  async check(): Promise<void> {
    const source = this.#source;
    if (!source) return;
    this.loading = true;
    this.error = null;
    this.issues = [];
    try {
      const preview = await this.#steps.preview(source.value);
      this.preview = preview;
      this.issues = this.#steps.issuesOf?.(preview) ?? [];
    } catch (cause) {
      this.error = describeError(cause).message;
    } finally {
      this.loading = false;
    }
  }

  /** Imports the previewed file; a refused import keeps the preview and lists why. */
  async apply(): Promise<boolean> {
    const source = this.#source;
    if (!source) return false;
    this.importing = true;
    this.error = null;
    try {
      this.result = await this.#steps.apply(source.value, this.fileName ?? '');
      this.preview = null;
      this.#source = null;
      return true;
    } catch (cause) {
      const view = describeError(cause);
      this.error = view.message;
      this.issues = Object.entries(view.fieldErrors).flatMap(([path, messages]) =>
        messages.map((message) => ({ path, message })),
      );
      return false;
    } finally {
      this.importing = false;
    }
  }

  reset(): void {
    this.fileName = null;
    this.#source = null;
    this.preview = null;
    this.error = null;
    this.issues = [];
    this.result = null;
  }
}
