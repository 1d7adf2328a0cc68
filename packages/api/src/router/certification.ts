// Certificates and licences on the profile: list, add, edit, remove, reorder
// (the shared ordered-entry router).
import { createInsertSchema } from 'drizzle-zod';
import { certifications } from '@pursuit/db';
import {
  datesInOrder,
  id,
  only,
  optionalHttpUrl,
  optionalText,
  partialDate,
  requiredText,
} from '../fields';
import { orderedEntryRouter } from './ordered-entry';

export const certificationFields = {
  name: requiredText('Enter the certificate’s name.', 'The name', 200),
  issuingOrganization: optionalText('The issuing organisation', 200),
  issueDate: partialDate,
  expiryDate: partialDate,
  credentialId: optionalText('The credential id', 200),
  url: optionalHttpUrl,
};

const certificationRow = createInsertSchema(certifications, certificationFields).pick(
  only(certificationFields),
);

const checkDates = datesInOrder(
  'issueDate',
  'expiryDate',
  'The expiry date cannot be before the issue date.',
);

export const createCertificationInput = certificationRow.superRefine(checkDates);

const updateCertificationInput = certificationRow
  .extend({ id, name: certificationFields.name.optional() })
  .superRefine(checkDates);

export const certificationRouter = orderedEntryRouter({
  table: certifications,
  noun: 'Certification',
  create: createCertificationInput,
  update: updateCertificationInput,
});
