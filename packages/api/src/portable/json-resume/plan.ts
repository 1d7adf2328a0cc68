// What importing a JSON Resume would change, section by section, and applying
// exactly that in one transaction. "replace": each section the file has
// replaces the stored one (sections it lacks are left alone). "merge": an
// entry matching a stored one (same company, title and start; same school,
// degree and start; same certificate and issuer; same project name; same
// skill name) updates
// it, the rest are added, nothing is removed; basics fields the file states
// overwrite, links are added unless their URL is already there.
import { eq } from 'drizzle-orm';
import {
  certifications,
  education,
  profiles,
  projects,
  skills,
  workExperiences,
  type Tx,
} from '@pursuit/db';
import { nextPosition, type OrderedTable } from '../../services/profile-entries';
import { assertWithinCap } from '../../services/caps';
import type { IncomingResume } from './from-json-resume';
import {
  BASICS_FIELDS,
  CERTIFICATION_FIELDS,
  EDUCATION_FIELDS,
  PROJECT_FIELDS,
  SKILL_FIELDS,
  WORK_FIELDS,
  type BasicsData,
  type CertificationData,
  type EducationData,
  type ProjectData,
  type ResumeData,
  type SkillData,
  type WorkData,
} from './model';

export type ImportMode = 'merge' | 'replace';

export interface SectionPlan {
  section: 'basics' | 'work' | 'education' | 'certificates' | 'projects' | 'skills';
  /** The file has this section; when false nothing in it changes. */
  inFile: boolean;
  add: number;
  update: number;
  remove: number;
  unchanged: number;
}

export interface BasicsChange {
  field: keyof BasicsData;
  from: unknown;
  to: unknown;
}

interface ListOps<T> {
  insert: T[];
  update: { id: string; value: T }[];
  removeAll: boolean;
  unchanged: number;
  existing: number;
}

export interface ImportPlan {
  mode: ImportMode;
  sections: SectionPlan[];
  basicsChanges: BasicsChange[];
  /** Internal: what apply() will write. */
  ops: {
    basics: Partial<BasicsData> | null;
    work: ListOps<WorkData> | null;
    education: ListOps<EducationData> | null;
    certifications: ListOps<CertificationData> | null;
    projects: ListOps<ProjectData> | null;
    skills: ListOps<SkillData> | null;
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const lower = (value: string | null) => (value ?? '').trim().toLowerCase();

const keys = {
  work: (w: WorkData) => `${lower(w.company)}|${lower(w.title)}|${w.startDate ?? ''}`,
  education: (e: EducationData) =>
    `${lower(e.institution)}|${lower(e.degree)}|${e.startDate ?? ''}`,
  certifications: (c: CertificationData) => `${lower(c.name)}|${lower(c.issuingOrganization)}`,
  projects: (p: ProjectData) => lower(p.name),
  skills: (s: SkillData) => lower(s.name),
};

function planList<T>(
  mode: ImportMode,
  existing: (T & { id?: string })[],
  incoming: T[] | undefined,
  key: (value: T) => string,
  fields: readonly (keyof T)[],
): ListOps<T> | null {
  if (!incoming) return null;
  if (mode === 'replace') {
    return {
      insert: incoming,
      update: [],
      removeAll: true,
      unchanged: 0,
      existing: existing.length,
    };
  }
  const pick = (value: T) => fields.map((field) => value[field]);
  const unmatched = new Map<string, number[]>();
  existing.forEach((value, index) => {
    const k = key(value);
    unmatched.set(k, [...(unmatched.get(k) ?? []), index]);
  });
  const ops: ListOps<T> = {
    insert: [],
    update: [],
    removeAll: false,
    unchanged: 0,
    existing: existing.length,
  };
  for (const value of incoming) {
    const index = unmatched.get(key(value))?.shift();
    const stored = index === undefined ? undefined : existing[index];
    if (!stored?.id) ops.insert.push(value);
    else if (same(pick(stored), pick(value))) ops.unchanged += 1;
    else ops.update.push({ id: stored.id, value });
  }
  return ops;
}

function planBasics(
  mode: ImportMode,
  current: BasicsData,
  incoming: Partial<BasicsData> | undefined,
) {
  if (!incoming) return null;
  const target: Partial<BasicsData> = {};
  for (const field of BASICS_FIELDS) {
    if (mode === 'replace') {
      (target as Record<string, unknown>)[field] =
        incoming[field] ?? (field === 'links' ? [] : null);
    } else if (field === 'links' && incoming.links) {
      const known = new Set(current.links.map((link) => link.url.toLowerCase()));
      target.links = [
        ...current.links,
        ...incoming.links.filter((link) => !known.has(link.url.toLowerCase())),
      ];
    } else if (incoming[field] !== undefined) {
      (target as Record<string, unknown>)[field] = incoming[field];
    }
  }
  return target;
}

function summarise<T>(section: SectionPlan['section'], ops: ListOps<T> | null): SectionPlan {
  if (!ops) return { section, inFile: false, add: 0, update: 0, remove: 0, unchanged: 0 };
  return {
    section,
    inFile: true,
    add: ops.insert.length,
    update: ops.update.length,
    remove: ops.removeAll ? ops.existing : 0,
    unchanged: ops.unchanged,
  };
}

export function planImport(
  mode: ImportMode,
  current: ResumeData,
  incoming: IncomingResume,
): ImportPlan {
  const basics = planBasics(mode, current.basics, incoming.basics);
  const basicsChanges: BasicsChange[] = basics
    ? BASICS_FIELDS.filter((f) => f in basics && !same(basics[f], current.basics[f])).map(
        (field) => ({ field, from: current.basics[field], to: basics[field] }),
      )
    : [];
  const ops = {
    basics,
    work: planList(mode, current.work, incoming.work, keys.work, WORK_FIELDS),
    education: planList(
      mode,
      current.education,
      incoming.education,
      keys.education,
      EDUCATION_FIELDS,
    ),
    certifications: planList(
      mode,
      current.certifications,
      incoming.certifications,
      keys.certifications,
      CERTIFICATION_FIELDS,
    ),
    projects: planList(mode, current.projects, incoming.projects, keys.projects, PROJECT_FIELDS),
    skills: planList(mode, current.skills, incoming.skills, keys.skills, SKILL_FIELDS),
  };
  return {
    mode,
    basicsChanges,
    sections: [
      {
        section: 'basics',
        inFile: basics !== null,
        add: 0,
        update: basicsChanges.length,
        remove: 0,
        unchanged: basics ? Object.keys(basics).length - basicsChanges.length : 0,
      },
      summarise('work', ops.work),
      summarise('education', ops.education),
      summarise('certificates', ops.certifications),
      summarise('projects', ops.projects),
      summarise('skills', ops.skills),
    ],
    ops,
  };
}

async function applyOrdered<T extends object>(
  tx: Tx,
  table: OrderedTable,
  userId: string,
  ops: ListOps<T> | null,
) {
  if (!ops) return;
  if (ops.removeAll) await tx.delete(table).where(eq(table.userId, userId));
  for (const { id, value } of ops.update) {
    await tx.update(table).set(value).where(eq(table.id, id));
  }
  if (ops.insert.length === 0) return;
  const start = ops.removeAll ? 0 : await nextPosition(tx, table, userId);
  await tx
    .insert(table)
    .values(ops.insert.map((value, i) => ({ ...value, userId, position: start + i })));
}

/** Writes the plan; run it in the same transaction that read the data it was made from. */
export async function applyImport(tx: Tx, userId: string, plan: ImportPlan) {
  const { ops } = plan;
  if (ops.basics && Object.keys(ops.basics).length > 0) {
    await tx.update(profiles).set(ops.basics).where(eq(profiles.userId, userId));
  }
  await applyOrdered(tx, workExperiences, userId, ops.work);
  await applyOrdered(tx, education, userId, ops.education);
  await applyOrdered(tx, certifications, userId, ops.certifications);
  await applyOrdered(tx, projects, userId, ops.projects);
  if (ops.skills) {
    if (ops.skills.removeAll) await tx.delete(skills).where(eq(skills.userId, userId));
    for (const { id, value } of ops.skills.update) {
      await tx.update(skills).set(value).where(eq(skills.id, id));
    }
    if (ops.skills.insert.length) {
      await tx.insert(skills).values(ops.skills.insert.map((value) => ({ ...value, userId })));
    }
  }
  // An import that would pass a list's cap is refused whole (caps.ts).
  for (const table of [workExperiences, education, certifications, projects, skills]) {
    await assertWithinCap(tx, table, userId);
  }
}
