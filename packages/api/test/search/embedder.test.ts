// The built-in embedding: deterministic, unit length, and closer for postings
// about the same work than for unrelated ones.
import { describe, expect, it } from 'vitest';
import { cosine, hashEmbed, signBits, BUILTIN_DIMS, HASH_BITS } from '../../src/search/embedder';
import {
  DATA_ENGINEER_A,
  DATA_ENGINEER_B,
  FRONTEND_ENGINEER,
  NURSE,
  PASTRY_CHEF,
} from './postings';

describe('the built-in embedding', () => {
  it('gives the same unit vector for the same text every time', () => {
    const a = hashEmbed(DATA_ENGINEER_A);
    expect(hashEmbed(DATA_ENGINEER_A)).toEqual(a);
    expect(a).toHaveLength(BUILTIN_DIMS);
    expect(cosine(a, a)).toBeCloseTo(1, 6);
  });

  it('puts two data engineering postings closer than a data posting and unrelated ones', () => {
    const a = hashEmbed(DATA_ENGINEER_A);
    const b = hashEmbed(DATA_ENGINEER_B);
    const same = cosine(a, b);
    for (const other of [FRONTEND_ENGINEER, PASTRY_CHEF, NURSE]) {
      expect(same).toBeGreaterThan(cosine(a, hashEmbed(other)) + 0.15);
    }
    // A software posting is nearer to another software posting than to a kitchen.
    expect(cosine(hashEmbed(FRONTEND_ENGINEER), a)).toBeGreaterThan(
      cosine(hashEmbed(PASTRY_CHEF), a),
    );
  });

  it('finds a short query nearest the posting it describes', () => {
    const query = hashEmbed('airflow spark pipelines');
    const scores = [DATA_ENGINEER_A, FRONTEND_ENGINEER, PASTRY_CHEF, NURSE].map((p) =>
      cosine(query, hashEmbed(p)),
    );
    expect(scores.indexOf(Math.max(...scores))).toBe(0);
  });

  it('sign hashes of near vectors differ in fewer bits than those of far ones', () => {
    const bits = (text: string) => signBits(hashEmbed(text));
    const distance = (x: string, y: string) => [...x].filter((c, i) => c !== y[i]).length;
    const a = bits(DATA_ENGINEER_A);
    expect(a).toHaveLength(HASH_BITS);
    expect(distance(a, bits(DATA_ENGINEER_B))).toBeLessThan(distance(a, bits(PASTRY_CHEF)));
  });
});
