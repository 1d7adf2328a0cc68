// The search benchmark's account: 10,000 applications at 400 companies in a
// dozen job families, each description 60-120 words drawn from its family's
// sentences and shared boilerplate, notes on half of them, 2,000 interviews,
// 3,000 contacts, 1,500 cover letters as current document versions, and the
// built-in embedding of every description and letter (as the job would write
// it). Deterministic (a seeded generator); seeded by SQL as the owner.
import {
  applicationText,
  contentHash,
  hashEmbed,
  signBits,
  BUILTIN_MODEL,
} from '@pursuit/api/server';
import type postgres from 'postgres';
import type { BenchUser } from '../setup';

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
const random = mulberry32(14);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const some = <T>(items: readonly T[], n: number): T[] =>
  Array.from({ length: n }, () => pick(items));

const FAMILIES: { titles: string[]; sentences: string[] }[] = [
  {
    titles: ['Data Engineer', 'Senior Data Engineer', 'Analytics Engineer'],
    sentences: [
      'Build batch and streaming pipelines with Apache Spark and Kafka.',
      'Orchestrate ETL jobs with Airflow and model the warehouse with dbt.',
      'Own data quality checks and lineage for the analytics platform.',
      'Write Python and SQL every day against Snowflake and BigQuery.',
    ],
  },
  {
    titles: ['Frontend Engineer', 'Senior Frontend Engineer', 'UI Engineer'],
    sentences: [
      'Build accessible components for our design system in React and TypeScript.',
      'Own CSS architecture and responsive layouts that load fast on phones.',
      'Test the customer dashboard with Playwright and Vitest.',
      'Work with designers in Figma on interaction details.',
    ],
  },
  {
    titles: ['Backend Engineer', 'Platform Engineer', 'Software Engineer, APIs'],
    sentences: [
      'Design REST and gRPC services in Go and Java backed by PostgreSQL.',
      'Scale the payments API to millions of requests a day.',
      'Write migrations, tune queries and keep latency low.',
      'Own services end to end, from design review to on-call.',
    ],
  },
  {
    titles: ['Site Reliability Engineer', 'DevOps Engineer', 'Infrastructure Engineer'],
    sentences: [
      'Run Kubernetes clusters on AWS with Terraform and Helm.',
      'Improve observability with Prometheus, Grafana and OpenTelemetry.',
      'Automate deployments and incident response runbooks.',
      'Reduce cloud spend and harden our CI/CD pipelines.',
    ],
  },
  {
    titles: ['Machine Learning Engineer', 'ML Platform Engineer', 'Applied Scientist'],
    sentences: [
      'Train and deploy models with PyTorch and MLflow.',
      'Build feature stores and evaluation pipelines for ranking models.',
      'Fine-tune language models and measure them offline and online.',
      'Serve models at low latency with GPUs and vector search.',
    ],
  },
  {
    titles: ['iOS Engineer', 'Android Engineer', 'Mobile Engineer'],
    sentences: [
      'Ship features in Swift and SwiftUI or Kotlin and Jetpack Compose.',
      'Own app performance, crash rates and offline sync.',
      'Work with product on release trains and feature flags.',
      'Build shared modules with React Native where it fits.',
    ],
  },
  {
    titles: ['Security Engineer', 'Application Security Engineer'],
    sentences: [
      'Run threat modelling and secure code reviews across teams.',
      'Own vulnerability management, penetration tests and bug bounty triage.',
      'Harden identity, SSO and secrets management.',
      'Lead SOC 2 and ISO 27001 evidence collection.',
    ],
  },
  {
    titles: ['Product Manager', 'Senior Product Manager'],
    sentences: [
      'Own the roadmap for onboarding and activation.',
      'Run discovery interviews and write crisp product requirements.',
      'Define metrics, run A/B experiments and report to leadership.',
      'Work with engineering and design on quarterly planning.',
    ],
  },
  {
    titles: ['Product Designer', 'UX Designer'],
    sentences: [
      'Design end-to-end flows in Figma and run usability tests.',
      'Maintain the design system and accessibility guidelines.',
      'Turn research insights into prototypes and specs.',
      'Partner with product managers on discovery.',
    ],
  },
  {
    titles: ['Account Executive', 'Sales Engineer'],
    sentences: [
      'Own a pipeline of mid-market accounts and close new business.',
      'Run demos, proofs of concept and negotiate contracts.',
      'Forecast accurately in Salesforce and hit quota.',
      'Partner with customer success on expansion.',
    ],
  },
  {
    titles: ['Registered Nurse', 'Clinical Nurse'],
    sentences: [
      'Assess and monitor patients on the cardiology ward.',
      'Administer medication and keep care plans current.',
      'Educate families and coordinate discharge planning.',
      'Twelve-hour rotating shifts with BLS certification.',
    ],
  },
  {
    titles: ['Pastry Chef', 'Sous Chef'],
    sentences: [
      'Prepare laminated doughs, croissants and plated desserts.',
      'Manage the section stock, ordering and food safety records.',
      'Train commis chefs and plan seasonal menus.',
      'Early mornings and weekend service.',
    ],
  },
];

const BOILERPLATE = [
  'We are a remote-first team across Europe and North America.',
  'We offer equity, a learning budget and flexible hours.',
  'You communicate clearly in writing and enjoy mentoring.',
  'We value ownership, kindness and shipping small changes often.',
  'Our interview process has four steps and takes two weeks.',
];

const NOTE_PHRASES = [
  'Recruiter reached out on LinkedIn.',
  'Referral from a former colleague.',
  'Salary band discussed on the first call.',
  'Follow up after the quarterly planning freeze.',
  'Hiring manager seemed keen on distributed systems.',
  'Ask about the on-call rotation and parental leave.',
  'Take-home exercise due Friday.',
];

const COMPANY_A = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Vandelay',
  'Wonka',
  'Stark',
  'Wayne',
  'Cyberdyne',
  'Soylent',
  'Tyrell',
  'Aperture',
  'Massive',
  'Oscorp',
  'Pied',
  'Gringotts',
  'Monarch',
  'Nakatomi',
  'Zorg',
];
const COMPANY_B = [
  'Labs',
  'Systems',
  'Analytics',
  'Dynamics',
  'Software',
  'Health',
  'Foods',
  'Logistics',
  'Robotics',
  'Media',
  'Capital',
  'Energy',
  'Studios',
  'Networks',
  'Bio',
  'Cloud',
  'Retail',
  'Motors',
  'Security',
  'Games',
];
const FIRST = [
  'Ada',
  'Grace',
  'Alan',
  'Linus',
  'Margaret',
  'Dennis',
  'Barbara',
  'Ken',
  'Frances',
  'Edsger',
  'Radia',
  'Guido',
];
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Torvalds',
  'Hamilton',
  'Ritchie',
  'Liskov',
  'Thompson',
  'Allen',
  'Dijkstra',
  'Perlman',
  'Rossum',
];

export const COMPANIES = COMPANY_A.flatMap((a) => COMPANY_B.map((b) => `${a} ${b}`));

export interface SearchSeedCounts {
  applications: number;
  interviews: number;
  contacts: number;
  documents: number;
  embeddings: number;
}

interface SeedApplication {
  id: string;
  companyId: string;
  roleTitle: string;
  description: string;
  notes: string | null;
}

const vectorLiteral = (v: number[]) => `{${v.map((x) => x.toPrecision(6)).join(',')}}`;

export async function seedSearch(
  sql: postgres.Sql,
  user: BenchUser,
  count: number,
): Promise<SearchSeedCounts> {
  const companyRows = await sql<{ id: string }[]>`
    insert into companies (name) select unnest(${sql.array(COMPANIES)}::text[]) returning id`;
  const apps: SeedApplication[] = Array.from({ length: count }, (_, i) => {
    const family = FAMILIES[i % FAMILIES.length]!;
    const sentences = [
      ...some(family.sentences, 3 + Math.floor(random() * 3)),
      ...some(BOILERPLATE, 2 + Math.floor(random() * 2)),
    ];
    return {
      id: crypto.randomUUID(),
      companyId: companyRows[Math.floor(random() * companyRows.length)]!.id,
      roleTitle: pick(family.titles),
      description: sentences.join(' '),
      notes:
        i % 2 === 0
          ? some(NOTE_PHRASES, 2).join(' ') + ` Call ${pick(FIRST)} on day ${i % 28}.`
          : null,
    };
  });
  const documents: { appIndex: number; id: string; content: string }[] = [];
  for (let i = 0; i < count; i += Math.ceil(count / 1500)) {
    const app = apps[i]!;
    documents.push({
      appIndex: i,
      id: crypto.randomUUID(),
      content: `Dear hiring team,\n\nI am applying for the ${app.roleTitle} role. ${app.description}\n\nIn my last role I led similar work and shipped it to production. I would love to talk.\n\nBest regards,\nBench Person`,
    });
  }

  await sql.begin(async (tx) => {
    await tx`select set_config('app.user_id', ${user.userId}, true)`;
    for (let start = 0; start < apps.length; start += 1000) {
      const batch = apps.slice(start, start + 1000);
      await tx`
        insert into applications (id, user_id, company_id, company_name, role_title, job_description,
                                  notes, position, created_at)
        select id, ${user.userId}, company_id, '', role_title, job_description, notes,
               'a' || lpad(n::text, 6, '0'), now() - make_interval(days => n % 700)
          from unnest(${tx.array(batch.map((a) => a.id))}::uuid[],
                      ${tx.array(batch.map((a) => a.companyId))}::uuid[],
                      ${tx.array(batch.map((a) => a.roleTitle))}::text[],
                      ${tx.array(batch.map((a) => a.description))}::text[],
                      ${tx.array(batch.map((a) => a.notes ?? ''))}::text[],
                      ${tx.array(batch.map((_, k) => start + k))}::int[])
               as t(id, company_id, role_title, job_description, notes, n)`;
    }
    await tx`update applications set notes = null where user_id = ${user.userId} and notes = ''`;
    await tx`
      create temporary table seed_apps on commit drop as
      select id, user_id, (row_number() over (order by position) - 1)::int as n
        from applications where user_id = ${user.userId}`;
    await tx`
      insert into interviews (application_id, user_id, scheduled_at, kind, notes)
      select a.id, a.user_id, now() + make_interval(days => g % 60),
             (array['phone_screen','technical','onsite','behavioral','final']::interview_kind[])[1 + g % 5],
             (array['System design on a whiteboard.', 'Pair programming on a small bug.',
                    'Culture chat with the team lead.', 'Take-home review and questions.'])[1 + g % 4]
        from generate_series(1, 2000) g
        join seed_apps a on a.n = (g * 7) % ${count}`;
    await tx`
      insert into contacts (application_id, user_id, name, email, role)
      select a.id, a.user_id, f.first || ' ' || l.last,
             lower(f.first || '.' || l.last || g || '@example.com'),
             (array['Recruiter','Hiring manager','Referrer'])[1 + g % 3]
        from generate_series(1, 3000) g
        cross join lateral (select (${tx.array(FIRST)}::text[])[1 + g % ${FIRST.length}] as first) f
        cross join lateral (select (${tx.array(LAST)}::text[])[1 + (g / ${FIRST.length}) % ${LAST.length}] as last) l
        join seed_apps a on a.n = (g * 13) % ${count}`;
    await tx`
      insert into documents (id, application_id, user_id, type, current_version, status)
      select id, app_id, ${user.userId}, 'cover_letter', 1, 'ready'
        from unnest(${tx.array(documents.map((d) => d.id))}::uuid[],
                    ${tx.array(documents.map((d) => apps[d.appIndex]!.id))}::uuid[]) as t(id, app_id)`;
    await tx`
      insert into document_versions (document_id, user_id, version, content, generator)
      select id, ${user.userId}, 1, content, 'builtin'
        from unnest(${tx.array(documents.map((d) => d.id))}::uuid[],
                    ${tx.array(documents.map((d) => d.content))}::text[]) as t(id, content)`;
  });

  // The vectors the embedding job would write, computed here in one pass.
  const subjects = [
    ...apps.map((a) => ({
      applicationId: a.id,
      documentId: null as string | null,
      text: applicationText(a.roleTitle, a.description),
    })),
    ...documents.map((d) => ({
      applicationId: apps[d.appIndex]!.id,
      documentId: d.id,
      text: d.content,
    })),
  ];
  for (let start = 0; start < subjects.length; start += 500) {
    const batch = subjects.slice(start, start + 500).map((s) => {
      const vector = hashEmbed(s.text);
      return {
        ...s,
        vector: vectorLiteral(vector),
        bits: signBits(vector),
        hash: contentHash(s.text),
      };
    });
    await sql`
      insert into embeddings (user_id, application_id, subject_kind, document_id, model, dims,
                              vector, bits, content_hash)
      select ${user.userId}, app_id, case when doc_id is null then 'application' else 'document_version' end::embedding_subject,
             doc_id, ${BUILTIN_MODEL}, cardinality(v::real[]), v::real[], b::varbit, h
        from unnest(${sql.array(batch.map((s) => s.applicationId))}::uuid[],
                    ${sql.array(batch.map((s) => s.documentId ?? ''))}::text[],
                    ${sql.array(batch.map((s) => s.vector))}::text[],
                    ${sql.array(batch.map((s) => s.bits))}::text[],
                    ${sql.array(batch.map((s) => s.hash))}::text[])
             as t(app_id, doc_text, v, b, h)
        cross join lateral (select nullif(doc_text, '')::uuid as doc_id) d`;
  }

  const [counts] = await sql<SearchSeedCounts[]>`
    select (select count(*)::int from applications where user_id = ${user.userId}) as applications,
           (select count(*)::int from interviews where user_id = ${user.userId}) as interviews,
           (select count(*)::int from contacts where user_id = ${user.userId}) as contacts,
           (select count(*)::int from documents where user_id = ${user.userId}) as documents,
           (select count(*)::int from embeddings where user_id = ${user.userId}) as embeddings`;
  return counts!;
}

/** Ids of some of the person's applications, for similarByMeaning. */
export async function someApplicationIds(sql: postgres.Sql, user: BenchUser, n: number) {
  const rows = await sql<{ id: string }[]>`
    select id from applications where user_id = ${user.userId} order by position limit ${n}`;
  return rows.map((r) => r.id);
}
