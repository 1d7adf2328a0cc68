// People connected to an application (recruiter, hiring manager, referrer):
// create, update, delete (the shared child-record router).
import { createInsertSchema } from 'drizzle-zod';
import { contacts } from '@pursuit/db';
import { boundedText, id, only, optionalEmail, requiredText } from '../fields';
import { childRecordRouter } from './child-record';

const fields = {
  applicationId: id,
  name: requiredText('Enter the contact’s name.', 'Name', 200),
  role: boundedText('Role', 200),
  email: optionalEmail('Enter a valid email address.'),
  phone: boundedText('Phone', 50),
  notes: boundedText('Notes', 100_000),
};

const contactRow = createInsertSchema(contacts, fields).pick(only(fields));

export const contactRouter = childRecordRouter({
  table: contacts,
  noun: 'Contact',
  create: contactRow,
  update: contactRow.omit({ applicationId: true }).extend({ id, name: fields.name.optional() }),
});
