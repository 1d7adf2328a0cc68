// A profile shaped like an imported JSON Resume (skills with keywords, a
// language, projects, courses) and the jobs the OpenAI-compatible tests send.
import type { Candidate, JobPosting } from '../../src/generate/candidate';

export const staffEngineer: Candidate = {
  firstName: 'Rosa',
  lastName: 'Brandt',
  headline: 'Staff Software Engineer',
  summary: 'Builds the data paths of distributed systems.',
  email: 'rosa@example.com',
  yearsOfExperience: 9,
  skills: [
    { name: 'Infrastructure', keywords: ['Kafka', 'Kubernetes', 'Terraform'] },
    { name: 'Languages', category: 'technical', keywords: ['Go', 'Java', 'Rust'] },
    { name: 'German', category: 'language', proficiency: 'expert', keywords: ['Native speaker'] },
  ],
  experiences: [
    {
      company: 'Confluent',
      title: 'Staff Software Engineer',
      startDate: '2019-03',
      current: true,
      description: 'Owned the broker replication path.',
      achievements: ['Rewrote the replication fetch path, cutting follower lag by 40%'],
      technologies: ['Java', 'Kafka'],
    },
  ],
  education: [
    {
      institution: 'TU Berlin',
      degree: 'MSc',
      fieldOfStudy: 'Computer Science',
      courses: ['Distributed Algorithms'],
    },
  ],
  certifications: [{ name: 'Certified Kubernetes Administrator' }],
  projects: [
    {
      name: 'ledgerlite',
      description: 'A double-entry ledger on PostgreSQL.',
      highlights: ['Handles 5,000 transfers a second on one node'],
      keywords: ['PostgreSQL', 'Rust'],
      roles: ['Author'],
    },
  ],
  primaryResume: '## Staff Software Engineer — Confluent\n- Led the tiered storage rollout',
  generatorContext: 'Emphasise mentoring.',
};

export const englishJob: JobPosting = {
  company: 'Northwind Pay',
  roleTitle: 'Senior Backend Engineer',
  description:
    'We are hiring a senior backend engineer for our payments platform. Requirements: 6+ years building distributed systems; strong experience with PostgreSQL and Kafka; experience with Kubernetes and Terraform. Nice to have: experience with payments or fintech, Rust.',
};

export const germanJob: JobPosting = {
  company: 'Nordbank',
  roleTitle: 'Senior Backend-Entwickler',
  description:
    'Wir suchen eine erfahrene Backend-Entwicklerin oder einen erfahrenen Backend-Entwickler für unser Zahlungsteam. Du bringst mindestens 6 Jahre Erfahrung mit verteilten Systemen mit und hast fundierte Kenntnisse in PostgreSQL und Kafka. Erfahrung mit Kubernetes und Terraform ist ein Plus. Wir bieten dir ein Team, das auf Qualität achtet, und die Freiheit, Dinge auszuprobieren.',
};
