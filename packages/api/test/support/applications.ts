// Applications for router tests: one call with fields a test does not care
// about filled in, so each test names only what it checks.
import type { RouterInputs } from '../../src/index';
import type { Person } from './accounts';

export const JOB_DESCRIPTION =
  'Own the ingestion pipeline end to end: Kafka consumers, Postgres schemas and a zygomorphic cache layer.';

export function createApplication(
  person: Person,
  fields: Partial<RouterInputs['application']['create']> = {},
) {
  return person.api.application.create({
    companyName: 'Globex',
    roleTitle: 'Platform Engineer',
    jobDescription: JOB_DESCRIPTION,
    ...fields,
  });
}
