// Which column holds which field of an application in a spreadsheet (or which
// key in a JSON object): the fields an import can fill, their labels, and the
// mapping suggested from the header row's names.

export const CSV_FIELDS = [
  'companyName',
  'roleTitle',
  'stage',
  'priority',
  'location',
  'workArrangement',
  'employmentType',
  'salaryMin',
  'salaryMax',
  'salaryCurrency',
  'jobUrl',
  'source',
  'appliedAt',
  'followUpOn',
  'matchScore',
  'rejectionReason',
  'notes',
  'jobDescription',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

/** Column index per field (0-based), or null when the field is not imported. */
export type CsvMapping = Partial<Record<CsvField, number | null>>;

export const REQUIRED: CsvField[] = ['companyName', 'roleTitle'];

export const FIELD_LABELS: Record<CsvField, string> = {
  companyName: 'Company',
  roleTitle: 'Role',
  stage: 'Stage',
  priority: 'Priority',
  location: 'Location',
  workArrangement: 'Work arrangement',
  employmentType: 'Employment type',
  salaryMin: 'Salary min',
  salaryMax: 'Salary max',
  salaryCurrency: 'Salary currency',
  jobUrl: 'Job URL',
  source: 'Source',
  appliedAt: 'Applied at',
  followUpOn: 'Follow-up on',
  matchScore: 'Match score',
  rejectionReason: 'Rejection reason',
  notes: 'Notes',
  jobDescription: 'Job description',
};

/** Header names (normalised: lower case, letters and digits only) each field answers to. */
const HEADER_NAMES: Record<CsvField, string[]> = {
  companyName: ['company', 'companyname', 'employer', 'organization', 'organisation'],
  roleTitle: ['role', 'roletitle', 'title', 'jobtitle', 'position'],
  stage: ['stage', 'status'],
  priority: ['priority'],
  location: ['location', 'city'],
  workArrangement: ['workarrangement', 'arrangement', 'remote', 'workplace', 'worktype'],
  employmentType: ['employmenttype', 'jobtype', 'type', 'contracttype'],
  salaryMin: ['salarymin', 'minsalary', 'salaryfrom', 'salary', 'minimumsalary'],
  salaryMax: ['salarymax', 'maxsalary', 'salaryto', 'maximumsalary'],
  salaryCurrency: ['salarycurrency', 'currency'],
  jobUrl: ['joburl', 'url', 'link', 'joblink', 'posting', 'postingurl'],
  source: ['source', 'foundon', 'foundvia'],
  appliedAt: ['appliedat', 'applied', 'dateapplied', 'appliedon', 'applicationdate'],
  followUpOn: ['followupon', 'followup', 'followupdate', 'nextstep', 'nextaction'],
  matchScore: ['matchscore', 'match', 'score', 'fit'],
  rejectionReason: ['rejectionreason', 'reason', 'reasonforrejection', 'whyrejected'],
  notes: ['notes', 'note', 'comments', 'comment'],
  jobDescription: ['jobdescription', 'description'],
};

const normalise = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The mapping the header names suggest: each field takes the first column named like it. */
export function suggestMapping(headers: string[]): CsvMapping {
  const mapping: CsvMapping = {};
  const taken = new Set<number>();
  const names = headers.map(normalise);
  for (const field of CSV_FIELDS) {
    for (const candidate of HEADER_NAMES[field]) {
      const index = names.findIndex((name, i) => name === candidate && !taken.has(i));
      if (index >= 0) {
        mapping[field] = index;
        taken.add(index);
        break;
      }
    }
    mapping[field] ??= null;
  }
  return mapping;
}
