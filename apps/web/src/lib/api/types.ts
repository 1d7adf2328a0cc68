// The API's types as the web app sees them, all derived from AppRouter; no
// shape is restated by hand here.
import type { RouterInputs, RouterOutputs } from '@pursuit/api';

export type User = NonNullable<RouterOutputs['auth']['me']>;
export type AccountSession = RouterOutputs['auth']['sessions'][number];

/** One card of the board, as application.list returns it. */
export type Card = RouterOutputs['application']['list']['cards'][number];
export type ApplicationDetail = RouterOutputs['application']['byId'];
export type ApplicationRow = RouterOutputs['application']['update'];
export type HistoryEntry = ApplicationDetail['history'][number];
export type Interview = ApplicationDetail['interviews'][number];
export type Contact = ApplicationDetail['contacts'][number];

export type Stage = Card['stage'];
export type Priority = Card['priority'];
export type WorkArrangement = NonNullable<Card['workArrangement']>;
export type EmploymentType = NonNullable<Card['employmentType']>;
export type InterviewKind = NonNullable<Interview['kind']>;
export type InterviewOutcome = NonNullable<Interview['outcome']>;

export type ListFilters = NonNullable<RouterInputs['application']['list']>;
export type CreateApplicationInput = RouterInputs['application']['create'];
export type UpdateApplicationInput = RouterInputs['application']['update'];

/** One event of the live feed (sync.changes), as tRPC delivers it: { id, data }. */
export type TrackedSyncEvent =
  RouterOutputs['sync']['changes'] extends AsyncIterable<infer E> ? E : never;
export type SyncChange = TrackedSyncEvent extends { data: infer D } ? D : never;
export type ApplicationChange = Extract<SyncChange, { table: 'applications' }>;
export type LiveApplicationRow = NonNullable<ApplicationChange['row']>;

// Documents, versions, match results and AI quota (issue 6).
export type DocumentsOfApplication = RouterOutputs['document']['forApplication'];
export type DocumentEntry = DocumentsOfApplication['documents'][number];
export type DocumentVersionSummary = DocumentEntry['versions'][number];
export type DocumentVersion = RouterOutputs['document']['version'];
export type DocumentType = RouterInputs['document']['generate']['type'];
export type DocumentStatus = DocumentEntry['status'];
export type MatchResult = NonNullable<DocumentsOfApplication['match']>;
export type DocumentSettings = RouterOutputs['document']['settings'];
export type DocumentChange = Extract<SyncChange, { table: 'documents' }>;
export type DocumentVersionChange = Extract<SyncChange, { table: 'document_versions' }>;
export type MatchResultChange = Extract<SyncChange, { table: 'match_results' }>;

// ----- Profile, base resumes and portable data (issue 5) -----
export type Profile = RouterOutputs['profile']['get'];
export type ProfileLink = Profile['links'][number];
export type UpdateProfileInput = RouterInputs['profile']['update'];
export type WorkExperience = RouterOutputs['experience']['list'][number];
export type EducationEntry = RouterOutputs['education']['list'][number];
export type Certification = RouterOutputs['certification']['list'][number];
export type Project = RouterOutputs['project']['list'][number];
export type Skill = RouterOutputs['skill']['list'][number];
export type SkillCategory = Skill['category'];
export type SkillProficiency = NonNullable<Skill['proficiency']>;
export type CreateExperienceInput = RouterInputs['experience']['create'];
export type CreateEducationInput = RouterInputs['education']['create'];
export type CreateCertificationInput = RouterInputs['certification']['create'];
export type CreateProjectInput = RouterInputs['project']['create'];
export type CreateSkillInput = RouterInputs['skill']['create'];
export type ResumeSummary = RouterOutputs['resume']['list'][number];
export type Resume = RouterOutputs['resume']['byId'];
export type JsonResumePreview = RouterOutputs['portable']['previewJsonResume'];
export type JsonResumeImportMode = RouterInputs['portable']['importJsonResume']['mode'];
export type CsvPreview = RouterOutputs['portable']['previewCsv'];
export type CsvMapping = NonNullable<RouterInputs['portable']['previewCsv']['mapping']>;
export type CsvField = CsvPreview['fields'][number]['field'];
export type CsvImportResult = RouterOutputs['portable']['importCsv'];
/** Live changes of the tables the profile editor and resumes pages show. */
export type ProfileTableChange = Extract<
  SyncChange,
  {
    table:
      | 'profiles'
      | 'work_experiences'
      | 'education'
      | 'certifications'
      | 'projects'
      | 'skills'
      | 'resumes';
  }
>;

// ----- Sharing a search (issue 12) -----
/** Whose board a list is, and the caller's role there. */
export type BoardAccess = RouterOutputs['application']['list']['access'];
export type AccessRole = BoardAccess['role'];
export type ShareRole = RouterInputs['sharing']['invite']['role'];
export type SharingList = RouterOutputs['sharing']['list'];
export type SharePerson = SharingList['sharedWithMe'][number];
export type Invitation = RouterOutputs['sharing']['invitations'][number];
export type InvitationPreview = RouterOutputs['sharing']['preview'];
export type SharedOverview = RouterOutputs['sharing']['overview'][number];
export type SignupMode = RouterOutputs['auth']['config']['signup'];
export type AdminAccount = RouterOutputs['admin']['accounts'][number];
export type ShareChange = Extract<SyncChange, { table: 'shares' }>;
export type CommentChange = Extract<SyncChange, { table: 'comments' }>;
export type ApiTokenSummary = RouterOutputs['token']['list'][number];
