// Text to vectors (issue 14, "search by meaning"). The built-in model needs no
// download and gives the same vector for the same text on every machine: a
// feature-hashed bag of words, word bigrams and skills from the generator's
// lexicon, weighted by sublinear term frequency times a fixed importance, and
// L2-normalised. An OpenAI-compatible /v1/embeddings endpoint replaces it when
// OPENAI_EMBEDDING_MODEL is set (openai-embedder.ts). Whoever compares
// vectors filters by `model`: vectors of different models are never compared.
import { CASE_SENSITIVE_ALIASES, LEXICON } from '../generate/lexicon';

export interface Embedder {
  /** Stored with every vector: "pursuit-hash-v1", or the endpoint's model name. */
  readonly model: string;
  /** One vector per text, each L2-normalised (unit length). */
  embed(texts: string[]): Promise<number[][]>;
}

export const BUILTIN_MODEL = 'pursuit-hash-v1';
export const BUILTIN_DIMS = 512;
/** Bits of the sign-random-projection hash stored next to each vector. */
export const HASH_BITS = 256;

/** Stop words plus the boilerplate every job ad shares, which says nothing about the job. */
const STOP = new Set(
  `a an and are as at be been but by can for from has have in into is it its of on or our
  that the their them they this to we will with you your who what when where which while
  about across all also any both each more most other over such than then there these those
  through up very via within without would should could may might must shall not no nor so
  us i me my he she his her were was do does did doing done being am if out off own same
  too just only again further once here why how few some per like well new etc
  job role team teams work working company candidate candidates looking join help ideal
  experience experienced year years strong great good ability able including include
  responsibilities requirements required preferred plus bonus opportunity opportunities
  position apply applicant based using use make across day days want need needs part
  offer offers benefit benefits equal employer people time lot way get`.split(/\s+/),
);

const WORD = /[a-z0-9][a-z0-9+#.]*[a-z0-9+#]|[a-z0-9]/g;

function words(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).map((w) =>
    // A crude plural fold, so "pipelines" meets "pipeline".
    w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w,
  );
}

/** Lexicon aliases of one to three words, by their words joined with spaces. */
const SKILLS: Map<string, string> = (() => {
  const map = new Map<string, string>();
  for (const entry of LEXICON) {
    for (const alias of [entry.name, ...entry.aliases]) {
      if (CASE_SENSITIVE_ALIASES.has(alias)) continue;
      const key = words(alias).join(' ');
      if (key && key.split(' ').length <= 3 && !map.has(key)) map.set(key, entry.name);
    }
  }
  return map;
})();

/** FNV-1a, 32 bits: stable across processes and machines (unlike a seeded hash). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Weighted features of a text: skills count most, then words, then bigrams. */
export function features(text: string): Map<string, number> {
  const all = words(text);
  const counts = new Map<string, number>();
  const add = (feature: string, weight: number) =>
    counts.set(feature, (counts.get(feature) ?? 0) + weight);
  for (let i = 0; i < all.length; i += 1) {
    for (let n = 3; n >= 1; n -= 1) {
      const skill = SKILLS.get(all.slice(i, i + n).join(' '));
      if (skill && i + n <= all.length) add(`s:${skill.toLowerCase()}`, 1);
    }
  }
  const kept = all.filter((w) => !STOP.has(w) && !/^\d+$/.test(w));
  for (let i = 0; i < kept.length; i += 1) {
    add(`w:${kept[i]}`, 1);
    if (i + 1 < kept.length) add(`b:${kept[i]} ${kept[i + 1]}`, 1);
  }
  const IMPORTANCE = { s: 3, w: 1, b: 0.6 } as const;
  const weighted = new Map<string, number>();
  for (const [feature, tf] of counts) {
    const kind = feature[0] as keyof typeof IMPORTANCE;
    weighted.set(feature, (1 + Math.log(tf)) * IMPORTANCE[kind]);
  }
  return weighted;
}

export function normalise(vector: number[]): number[] {
  const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));
  return norm > 0 ? vector.map((x) => x / norm) : vector;
}

/** The built-in embedding of one text: signed feature hashing into BUILTIN_DIMS. */
export function hashEmbed(text: string, dims = BUILTIN_DIMS): number[] {
  const vector = new Array<number>(dims).fill(0);
  for (const [feature, weight] of features(text)) {
    const hash = fnv1a(feature);
    // The sign from a bit the index does not use keeps collisions unbiased.
    vector[hash % dims]! += (hash & 0x80000000 ? -1 : 1) * weight;
  }
  return normalise(vector);
}

export const builtinEmbedder: Embedder = {
  model: BUILTIN_MODEL,
  embed: (texts) => Promise.resolve(texts.map((text) => hashEmbed(text))),
};

export function cosine(a: number[], b: number[]): number {
  let dot = 0;
  for (let i = 0; i < a.length; i += 1) dot += a[i]! * (b[i] ?? 0);
  return dot;
}

/** A small seeded generator (mulberry32): the projections are the same everywhere. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const projections = new Map<number, Float64Array[]>();

/** HASH_BITS random Gaussian directions in `dims` dimensions, fixed per dims. */
function projectionsFor(dims: number): Float64Array[] {
  let planes = projections.get(dims);
  if (!planes) {
    const random = mulberry32(0x5eed + dims);
    planes = Array.from({ length: HASH_BITS }, () => {
      const plane = new Float64Array(dims);
      for (let i = 0; i < dims; i += 1) {
        // Box–Muller: a Gaussian direction makes the hash track the angle.
        const u = Math.max(random(), 1e-12);
        plane[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
      }
      return plane;
    });
    projections.set(dims, planes);
  }
  return planes;
}

/**
 * SimHash: one bit per random hyperplane, the side `vector` lies on. Two
 * vectors differ in about angle/π of the bits, so the Hamming distance
 * (`bit_count(a # b)` in SQL, built in) ranks candidates cheaply before the
 * exact dot product on the few kept.
 */
export function signBits(vector: number[]): string {
  return projectionsFor(vector.length)
    .map((plane) => {
      let side = 0;
      for (let i = 0; i < vector.length; i += 1) side += plane[i]! * vector[i]!;
      return side >= 0 ? '1' : '0';
    })
    .join('');
}
