import { describe, expect, it, vi } from 'vitest';
import { confirmation } from '$lib/ui/confirm.svelte';
import { ChildRecords, NEW, type ChildRecordCalls } from './child-records.svelte';

interface Note {
  id: string;
  text: string;
}

function calls(overrides: Partial<ChildRecordCalls<Note>> = {}) {
  return {
    fill: vi.fn(),
    create: vi.fn(() => Promise.resolve()),
    update: vi.fn(() => Promise.resolve()),
    delete: vi.fn(() => Promise.resolve()),
    deleteQuestion: (note: Note) => ({
      title: 'Delete?',
      message: note.text,
      confirmLabel: 'Delete',
    }),
    changed: vi.fn(),
    ...overrides,
  };
}

const note = { id: 'n1', text: 'Call back' };

describe('a list of an application’s records', () => {
  it('opens the form empty to add, or filled to edit', () => {
    const api = calls();
    const list = new ChildRecords<Note>(api);
    list.open();
    expect(list.editingId).toBe(NEW);
    expect(list.adding).toBe(true);
    expect(api.fill).toHaveBeenLastCalledWith(undefined);
    list.open(note);
    expect(list.editingId).toBe('n1');
    expect(api.fill).toHaveBeenLastCalledWith(note);
  });

  it('creates a new record, closes the form and reloads', async () => {
    const api = calls();
    const list = new ChildRecords<Note>(api);
    list.open();
    await list.submit();
    expect(api.create).toHaveBeenCalledOnce();
    expect(api.update).not.toHaveBeenCalled();
    expect(list.editingId).toBeNull();
    expect(api.changed).toHaveBeenCalledOnce();
  });

  it('saves an edit on the record being edited', async () => {
    const api = calls();
    const list = new ChildRecords<Note>(api);
    list.open(note);
    await list.submit();
    expect(api.update).toHaveBeenCalledWith('n1');
  });

  it('keeps the form open with the error when the save is refused', async () => {
    const api = calls({ create: () => Promise.reject(new Error('offline')) });
    const list = new ChildRecords<Note>(api);
    list.open();
    await list.submit();
    expect(list.editingId).toBe(NEW);
    expect(list.error?.message).toBeTruthy();
    expect(list.saving).toBe(false);
    expect(api.changed).not.toHaveBeenCalled();
  });

  it('does not call the server when the form is incomplete', async () => {
    const problem = {
      message: 'Say when.',
      code: 'BAD_REQUEST',
      fieldErrors: {},
      retryAfterSeconds: null,
    };
    const api = calls({ check: () => problem });
    const list = new ChildRecords<Note>(api);
    list.open();
    await list.submit();
    expect(list.error).toEqual(problem);
    expect(api.create).not.toHaveBeenCalled();
  });

  it('deletes only after the person confirms', async () => {
    const api = calls();
    const list = new ChildRecords<Note>(api);
    const declined = list.remove(note);
    expect(confirmation.pending?.message).toBe('Call back');
    confirmation.answer(false);
    await declined;
    expect(api.delete).not.toHaveBeenCalled();

    const confirmed = list.remove(note);
    confirmation.answer(true);
    await confirmed;
    expect(api.delete).toHaveBeenCalledWith(note);
    expect(api.changed).toHaveBeenCalledOnce();
  });

  it('shows a refused change from the list above it, and clears it on the next', async () => {
    const list = new ChildRecords<Note>(calls());
    await list.run(() => Promise.reject(new Error('gone')));
    expect(list.listError).toBeTruthy();
    await list.run(() => Promise.resolve());
    expect(list.listError).toBeNull();
  });
});
