// The profile page's state: the profile's own fields (ProfileEditor) and the
// entry lists (work, education, certificates, projects, skills), wired to the API, and where each live change lands.
import { ProfileEditor } from './profile-editor.svelte';
import { EntryCollection, type EntryApi } from './entry-collection.svelte';
import { byPosition, bySkill, type ProfileData } from './profile';
import { trpc } from '$lib/api/trpc';
import type {
  Certification,
  CreateCertificationInput,
  CreateEducationInput,
  CreateExperienceInput,
  CreateProjectInput,
  CreateSkillInput,
  EducationEntry,
  Project,
  Skill,
  SyncChange,
  WorkExperience,
} from '$lib/api/types';

/** The tRPC procedures of one entry kind, as the collection calls them. */
interface EntryProcedures<Row, Input> {
  create: { mutate(input: Input): Promise<Row> };
  update: { mutate(input: { id: string } & Partial<Input>): Promise<Row> };
  delete: { mutate(input: { id: string }): Promise<unknown> };
  list: { query(): Promise<Row[]> };
  reorder?: { mutate(input: { ids: string[] }): Promise<Row[]> };
}

function entryApi<Row, Input>(procedures: EntryProcedures<Row, Input>): EntryApi<Row, Input> {
  const { reorder } = procedures;
  return {
    create: (input) => procedures.create.mutate(input),
    update: (input) => procedures.update.mutate(input),
    remove: (input) => procedures.delete.mutate(input),
    list: () => procedures.list.query(),
    reorder: reorder && ((input) => reorder.mutate(input)),
  };
}

export class ProfilePageState {
  readonly editor: ProfileEditor;
  readonly experiences: EntryCollection<WorkExperience, CreateExperienceInput>;
  readonly education: EntryCollection<EducationEntry, CreateEducationInput>;
  readonly certifications: EntryCollection<Certification, CreateCertificationInput>;
  readonly projects: EntryCollection<Project, CreateProjectInput>;
  readonly skills: EntryCollection<Skill, CreateSkillInput>;

  /** `data` is read again on every load (the page's `data` prop). */
  constructor(data: () => ProfileData) {
    this.editor = new ProfileEditor(data().profile, (input) => trpc.profile.update.mutate(input));
    this.experiences = new EntryCollection(
      () => data().experiences,
      entryApi<WorkExperience, CreateExperienceInput>(trpc.experience),
      byPosition,
    );
    this.education = new EntryCollection(
      () => data().education,
      entryApi<EducationEntry, CreateEducationInput>(trpc.education),
      byPosition,
    );
    this.certifications = new EntryCollection(
      () => data().certifications,
      entryApi<Certification, CreateCertificationInput>(trpc.certification),
      byPosition,
    );
    this.projects = new EntryCollection(
      () => data().projects,
      entryApi<Project, CreateProjectInput>(trpc.project),
      byPosition,
    );
    this.skills = new EntryCollection(
      () => data().skills,
      entryApi<Skill, CreateSkillInput>(trpc.skill),
      bySkill,
    );
  }

  /** Nothing filled in yet: the page offers an import first. */
  readonly isEmpty = $derived.by(
    () =>
      !this.editor.row.firstName &&
      !this.editor.row.lastName &&
      !this.editor.row.headline &&
      this.experiences.items.length === 0 &&
      this.education.items.length === 0 &&
      this.projects.items.length === 0 &&
      this.skills.items.length === 0,
  );

  apply(change: SyncChange): void {
    switch (change.table) {
      case 'profiles':
        if (change.row) this.editor.receive(change.row);
        break;
      case 'work_experiences':
        this.experiences.apply(change);
        break;
      case 'education':
        this.education.apply(change);
        break;
      case 'certifications':
        this.certifications.apply(change);
        break;
      case 'projects':
        this.projects.apply(change);
        break;
      case 'skills':
        this.skills.apply(change);
        break;
    }
  }

  destroy(): void {
    void this.editor.autosave.flush();
    this.editor.destroy();
  }
}
