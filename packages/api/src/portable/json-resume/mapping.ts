// The small, reversible conversions between JSON Resume fields and Pursuit's
// columns. Each export-side function is chosen so that importing its output
// and exporting again gives the same value (the round trip the tests check).
import type { ProfileLink, SkillProficiency } from '@pursuit/db';

export const JSON_RESUME_SCHEMA_URL =
  'https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json';

/** The link label that stands for basics.url (the person's own site). */
export const WEBSITE_LABEL = 'Website';

/** "Ada King Lovelace" → first "Ada", last "King Lovelace". */
export function splitName(name: string): { firstName: string | null; lastName: string | null } {
  const [first, ...rest] = name.trim().split(/\s+/).filter(Boolean);
  return { firstName: first ?? null, lastName: rest.length ? rest.join(' ') : null };
}

export function joinName(firstName: string | null, lastName: string | null): string | undefined {
  return [firstName, lastName].filter(Boolean).join(' ') || undefined;
}

export interface JsonLocation {
  address?: string;
  postalCode?: string;
  city?: string;
  countryCode?: string;
  region?: string;
}

/** JSON Resume location → one line, "City, Region, CC". Street and postcode are not kept. */
export function locationToText(location: JsonLocation): string | null {
  const parts = [location.city, location.region, location.countryCode]
    .map((part) => part?.trim())
    .filter((part): part is string => Boolean(part));
  return parts.length ? parts.join(', ') : null;
}

/** "City, Region, CC" → its parts; a trailing two-letter code is the country. */
export function textToLocation(text: string | null): JsonLocation | undefined {
  const parts = (text ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) return undefined;
  const location: JsonLocation = {};
  if (parts.length > 1 && /^[A-Z]{2}$/.test(parts[parts.length - 1]!)) {
    location.countryCode = parts.pop();
  }
  location.city = parts[0];
  if (parts.length > 1) location.region = parts.slice(1).join(', ');
  return location;
}

const LEVELS: Record<string, SkillProficiency> = {
  beginner: 'beginner',
  novice: 'beginner',
  basic: 'beginner',
  elementary: 'beginner',
  intermediate: 'intermediate',
  competent: 'intermediate',
  proficient: 'intermediate',
  conversational: 'intermediate',
  advanced: 'advanced',
  professional: 'advanced',
  expert: 'expert',
  master: 'expert',
  fluent: 'expert',
  native: 'expert',
  bilingual: 'expert',
};

/** A free-text JSON Resume level ("Master", "Fluent") → a proficiency, if it reads as one. */
export function levelToProficiency(level: string | undefined): SkillProficiency | null | undefined {
  if (level === undefined || level.trim() === '') return undefined;
  const words = level.toLowerCase().match(/[a-z]+/g) ?? [];
  for (const word of words) {
    const found = LEVELS[word];
    if (found) return found;
  }
  return null;
}

export function proficiencyToLevel(proficiency: SkillProficiency | null): string | undefined {
  return proficiency ? proficiency[0]!.toUpperCase() + proficiency.slice(1) : undefined;
}

export interface JsonProfile {
  network?: string;
  username?: string;
  url?: string;
}

/** Links → basics.url (the first "Website" without a handle) and basics.profiles. */
export function linksToJson(links: ProfileLink[]): { url?: string; profiles: JsonProfile[] } {
  const websiteAt = links.findIndex(
    (link) => link.label.toLowerCase() === WEBSITE_LABEL.toLowerCase() && !link.username,
  );
  const profiles = links
    .filter((_, index) => index !== websiteAt)
    .map((link) => compact({ network: link.label, username: link.username, url: link.url }));
  return { url: websiteAt >= 0 ? links[websiteAt]!.url : undefined, profiles };
}

const PROFILE_URLS: Record<string, (username: string) => string> = {
  github: (u) => `https://github.com/${u}`,
  gitlab: (u) => `https://gitlab.com/${u}`,
  linkedin: (u) => `https://www.linkedin.com/in/${u}`,
  twitter: (u) => `https://x.com/${u}`,
  x: (u) => `https://x.com/${u}`,
};

/** The URL of a JSON Resume profile, built from network + username when it has none. */
export function profileUrl(profile: JsonProfile): string | undefined {
  if (profile.url) return profile.url;
  const build = profile.network && PROFILE_URLS[profile.network.trim().toLowerCase()];
  return build && profile.username ? build(encodeURIComponent(profile.username.trim())) : undefined;
}

/** The label of a link made from a profile: its network, else the URL's host. */
export function profileLabel(profile: JsonProfile, url: string): string {
  if (profile.network?.trim()) return profile.network.trim();
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return 'Link';
  }
}

/** Drops what an export leaves out: null, undefined, empty text and empty lists. */
export function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0),
    ),
  ) as Partial<T>;
}
