import { describe, expect, it } from 'vitest';
import { insertMention, mentionedPeople, mentionQuery, suggestMentions } from './mentions';

const people = [
  { id: 'o', name: 'Olivia Owner' },
  { id: 's', name: 'Sam' },
  { id: 'sl', name: 'Sam Lee' },
  { id: 'z', name: 'Zoë Ångström' },
  { id: 'c', name: 'Coach Carter' },
];

describe('finding the mention being typed', () => {
  it('reads the partial name after an @ at the caret', () => {
    expect(mentionQuery('Hi @Sa', 6)).toEqual({ start: 3, query: 'Sa' });
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('ask (@co', 8)).toEqual({ start: 5, query: 'co' });
  });

  it('keeps going through a space, since names have them', () => {
    expect(mentionQuery('Hi @Sam L', 9)).toEqual({ start: 3, query: 'Sam L' });
  });

  it('is not a mention inside an e-mail address, after a line break or with a leading space', () => {
    expect(mentionQuery('mail sam@example.com', 20)).toBeNull();
    expect(mentionQuery('@Sam\nthanks', 11)).toBeNull();
    expect(mentionQuery('@ Sam', 5)).toBeNull();
    expect(mentionQuery('no at sign', 5)).toBeNull();
  });

  it('only looks before the caret', () => {
    expect(mentionQuery('@Sam and more', 4)).toEqual({ start: 0, query: 'Sam' });
  });
});

describe('suggesting people to mention', () => {
  it('puts names that start with the text first, then names with a word that does', () => {
    expect(suggestMentions(people, 'c').map((p) => p.id)).toEqual(['c']);
    expect(suggestMentions(people, 'ca').map((p) => p.id)).toEqual(['c']);
    expect(suggestMentions(people, 'sam').map((p) => p.id)).toEqual(['s', 'sl']);
    expect(suggestMentions(people, 'lee').map((p) => p.id)).toEqual(['sl']);
  });

  it('ignores case and accents', () => {
    expect(suggestMentions(people, 'zoe ang').map((p) => p.id)).toEqual(['z']);
    expect(suggestMentions(people, 'ANG').map((p) => p.id)).toEqual(['z']);
  });

  it('offers everyone (but the writer) for a bare @, at most the limit', () => {
    const all = suggestMentions(people, '', { excludeId: 'o' });
    expect(all.map((p) => p.id)).not.toContain('o');
    expect(all).toHaveLength(4);
    expect(suggestMentions(people, '', { limit: 2 })).toHaveLength(2);
  });
});

describe('inserting a mention', () => {
  it('replaces the partial name with "@Display Name " and puts the caret after it', () => {
    const text = 'Thanks @sa';
    const result = insertMention(text, mentionQuery(text, 10)!, 10, 'Sam Lee');
    expect(result).toEqual({ text: 'Thanks @Sam Lee ', caret: 16 });
  });

  it('keeps the text after the caret and adds no second space', () => {
    const text = 'Ask @co about it';
    const result = insertMention(text, mentionQuery(text, 7)!, 7, 'Coach Carter');
    expect(result.text).toBe('Ask @Coach Carter about it');
    expect(result.caret).toBe('Ask @Coach Carter'.length);
  });
});

describe('who a body mentions', () => {
  it('takes the longest name first, so "@Sam Lee" is not "@Sam"', () => {
    expect(mentionedPeople('cc @Sam Lee', people).map((p) => p.id)).toEqual(['sl']);
    expect(mentionedPeople('@sam and @Sam Lee', people).map((p) => p.id)).toEqual(['sl', 's']);
  });

  it('needs the name to end at a word boundary and the @ to start a word', () => {
    expect(mentionedPeople('@Samantha', people)).toEqual([]);
    expect(mentionedPeople('x@Sam', people)).toEqual([]);
    expect(mentionedPeople('@Sam, see this', people).map((p) => p.id)).toEqual(['s']);
  });
});
