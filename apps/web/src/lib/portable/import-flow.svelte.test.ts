import { TRPCClientError } from '@trpc/client';
import { describe, expect, it, vi } from 'vitest';
import { ImportFlow, type ImportSteps } from './import-flow.svelte';
import { parseJsonFile } from './portable';

type Steps = ImportSteps<
  unknown,
  { valid: boolean; issues: { path: string; message: string }[] },
  string
>;

function flowWith(overrides: Partial<Steps> = {}) {
  const steps: Steps = {
    parse: parseJsonFile,
    preview: vi.fn(() => Promise.resolve({ valid: true, issues: [] })),
    issuesOf: (preview) => preview.issues,
    apply: vi.fn((_source: unknown, fileName: string) => Promise.resolve(`Imported ${fileName}`)),
    ...overrides,
  };
  return { flow: new ImportFlow(steps), steps };
}

const file = (text: string, name = 'resume.json') => new File([text], name);

const refused = (message: string, fieldErrors: Record<string, string[]>) =>
  new TRPCClientError(message, {
    result: { error: { code: -32600, message, data: { code: 'BAD_REQUEST', fieldErrors } } },
  });

describe('importing a file', () => {
  it('previews a chosen file, imports it, and is ready for the next one', async () => {
    const { flow, steps } = flowWith();
    await flow.choose(file('{"basics":{}}'));
    expect(steps.preview).toHaveBeenCalledWith({ basics: {} });
    expect(flow.preview).toEqual({ valid: true, issues: [] });
    expect(flow.fileName).toBe('resume.json');

    expect(await flow.apply()).toBe(true);
    expect(flow.result).toBe('Imported resume.json');
    expect(flow.preview).toBeNull();
    expect(await flow.apply()).toBe(false);
    expect(steps.apply).toHaveBeenCalledTimes(1);
  });

  it('says why a file cannot be used and asks the server nothing', async () => {
    const { flow, steps } = flowWith();
    await flow.choose(file('{ not json'));
    expect(flow.error).toMatch(/“resume.json” is not valid JSON/);
    expect(flow.preview).toBeNull();
    expect(steps.preview).not.toHaveBeenCalled();
  });

  it('keeps the problems a preview lists by path', async () => {
    const issues = [{ path: 'work[0].startDate', message: 'Use a date like 2019-06.' }];
    const { flow } = flowWith({ preview: () => Promise.resolve({ valid: false, issues }) });
    await flow.choose(file('{}'));
    expect(flow.issues).toEqual(issues);
    expect(flow.error).toBeNull();
  });

  it('keeps the preview and lists every problem when the import is refused', async () => {
    const { flow } = flowWith({
      apply: () =>
        Promise.reject(refused('Nothing was imported.', { 'rows.3': ['Company is required.'] })),
    });
    await flow.choose(file('{}'));
    expect(await flow.apply()).toBe(false);
    expect(flow.error).toBe('Nothing was imported.');
    expect(flow.issues).toEqual([{ path: 'rows.3', message: 'Company is required.' }]);
    expect(flow.preview).not.toBeNull();
    expect(flow.importing).toBe(false);
  });

  it('previews the same file again when an option changes, and forgets it on cancel', async () => {
    const { flow, steps } = flowWith();
    await flow.choose(file('[1]'));
    await flow.check();
    expect(steps.preview).toHaveBeenCalledTimes(2);
    flow.reset();
    await flow.check();
    expect(steps.preview).toHaveBeenCalledTimes(2);
    expect(flow.fileName).toBeNull();
  });
});
