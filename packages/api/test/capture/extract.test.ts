// Reading a posting from the markup styles of common applicant-tracking
// systems (issue 14): JSON-LD in a script tag, in @graph, microdata only,
// OpenGraph only, and nothing but a title and text.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractPosting, htmlToText } from '../../src/capture/extract';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/capture/${name}.html`, import.meta.url), 'utf8');

describe('extractPosting', () => {
  it('reads a Greenhouse-style JSON-LD posting with escaped HTML in its description', () => {
    const { fields, source, fieldSources, warnings } = extractPosting(
      fixture('greenhouse'),
      'https://boards.example/northwind/jobs/4012345?gh_src=abc',
    );
    expect(source).toBe('json-ld');
    expect(fields).toEqual({
      companyName: 'Northwind Traders',
      roleTitle: 'Senior Backend Engineer',
      description:
        "About Northwind\n\nWe ship groceries to 40 countries & we're growing.\n\nWhat you'll do\n\n- Design resilient APIs in TypeScript\n- Own our PostgreSQL schema",
      location: 'Berlin, DE; Lisbon, PT',
      workArrangement: null,
      employmentType: 'full_time',
      salaryMin: 85_000,
      salaryMax: 105_000,
      salaryCurrency: 'EUR',
      jobUrl: 'https://boards.example/northwind/jobs/4012345',
      postedOn: '2026-11-02',
      validThrough: '2099-01-31',
    });
    expect(Object.values(fieldSources).every((s) => s === 'json-ld')).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('follows @graph and @id references, skips a broken block and annualises hourly pay', () => {
    const { fields, source, warnings } = extractPosting(
      fixture('lever-graph'),
      'https://jobs.example/contoso/9f1c',
    );
    expect(source).toBe('json-ld');
    expect(fields.companyName).toBe('Contoso Ltd.');
    expect(fields.workArrangement).toBe('remote');
    expect(fields.location).toBe('Remote (United States, Canada)');
    expect(fields.employmentType).toBe('contract');
    expect(fields.salaryMin).toBe(70 * 2080);
    expect(fields.salaryMax).toBe(Math.round(85.5 * 2080));
    expect(fields.salaryCurrency).toBe('USD');
    expect(fields.jobUrl).toBe('https://jobs.example/contoso/9f1c');
    // A script in the description is dropped, not shown as text.
    expect(fields.description).toBe(
      'The role\n\nBuild the pipelines that feed our forecasting models.\n\n- Spark & dbt\n- Airflow',
    );
    expect(warnings).toContain(
      'One block of structured data (JSON-LD) on the page is not valid JSON and was skipped.',
    );
    expect(warnings.some((w) => w.startsWith('The salary was given per hour (70–85.5 USD)'))).toBe(
      true,
    );
    expect(warnings).toContain('The posting closed on 2026-01-01; it may no longer be open.');
  });

  it('reads microdata when there is no JSON-LD', () => {
    const { fields, source, fieldSources, warnings } = extractPosting(
      fixture('microdata'),
      'https://fabrikam.example/careers',
    );
    expect(source).toBe('microdata');
    expect(fields.companyName).toBe('Fabrikam, Inc.');
    expect(fields.roleTitle).toBe('Product Designer');
    expect(fields.location).toBe('Toronto, ON, CA');
    expect(fields.employmentType).toBe('part_time');
    expect(fields.salaryMin).toBe(54_000);
    expect(fields.salaryCurrency).toBe('CAD');
    expect(fields.postedOn).toBe('2026-11-20');
    expect(fields.jobUrl).toBe('https://fabrikam.example/careers/product-designer');
    expect(fields.description).toContain('- Figma\n- User research');
    expect(fieldSources.roleTitle).toBe('microdata');
    expect(warnings).toContain(
      'The salary was given per month (4,500 CAD); it is shown per year, assuming 12 months.',
    );
  });

  it('falls back to OpenGraph tags and says the fields were guessed', () => {
    const { fields, source, warnings } = extractPosting(fixture('opengraph'), null);
    expect(source).toBe('opengraph');
    expect(fields.roleTitle).toBe('QA Analyst');
    expect(fields.companyName).toBe('Tailspin Toys');
    expect(fields.jobUrl).toBe('https://jobboard.example/view/77');
    expect(fields.description).toMatch(/^Tailspin Toys is looking/);
    expect(warnings).toContain('No salary found.');
    expect(warnings.some((w) => w.includes('no structured job data'))).toBe(true);
  });

  it('falls back to the title, heading and text of a page with no metadata', () => {
    const { fields, source, fieldSources, warnings } = extractPosting(
      fixture('plain'),
      'https://adventure.example/jobs/12',
    );
    expect(source).toBe('text');
    expect(fields.roleTitle).toBe('Warehouse Lead');
    expect(fields.companyName).toBe('Adventure Works');
    expect(fields.description).toBe(
      'Lead a team of twelve in our Denver distribution centre. Forklift certification is a plus.\n\nShifts rotate weekly; overtime paid at 1.5×.',
    );
    expect(fields.jobUrl).toBe('https://adventure.example/jobs/12');
    expect(fieldSources.jobUrl).toBe('text');
    expect(warnings).toContain('No salary found.');
  });

  it('says so when a page holds nothing at all', () => {
    const result = extractPosting('<html><body></body></html>');
    expect(result.source).toBeNull();
    expect(result.warnings).toEqual([
      'Nothing about a job was found on this page; fill in the form yourself.',
    ]);
  });

  it('reads a posting inside an array, a string organisation and a single exact salary', () => {
    const html = `<script type="application/ld+json; charset=utf-8">[{"@type":"WebSite"},{"@type":"http://schema.org/JobPosting","title":"Nurse","hiringOrganization":"St. Mary&#39;s Hospital","employmentType":"Full-time","baseSalary":{"@type":"MonetaryAmount","currency":"GBP","value":{"@type":"QuantitativeValue","value":"38,000","unitText":"YEAR"}},"jobLocation":{"@type":"Place","address":"Leeds, UK"}}]</script>`;
    const { fields } = extractPosting(html);
    expect(fields.companyName).toBe("St. Mary's Hospital");
    expect(fields.employmentType).toBe('full_time');
    expect(fields.salaryMin).toBe(38_000);
    expect(fields.salaryMax).toBe(38_000);
    expect(fields.location).toBe('Leeds, UK');
  });

  it('cuts values to the application limits and says so', () => {
    const long = 'x'.repeat(300);
    const description = `<p>${'word '.repeat(30_000)}</p>`;
    const html = `<script type="application/ld+json">${JSON.stringify({
      '@type': 'JobPosting',
      title: long,
      hiringOrganization: { name: 'Acme' },
      description,
      baseSalary: { currency: 'dollars', value: -5 },
    })}</script>`;
    const { fields, warnings } = extractPosting(html);
    expect(fields.roleTitle).toHaveLength(200);
    expect(fields.description!.length).toBeLessThanOrEqual(100_000);
    expect(warnings).toContain('The role title was cut to 200 characters.');
    expect(warnings).toContain('The description was cut to 100,000 characters.');
    expect(warnings).toContain(
      'The salary currency “DOLLARS” is not a three-letter code and was left out.',
    );
    expect(fields.salaryMin).toBeNull();
  });

  it('keeps a javascript: job URL out', () => {
    const html = `<script type="application/ld+json">{"@type":"JobPosting","title":"A","url":"javascript:alert(1)"}</script>`;
    expect(extractPosting(html).fields.jobUrl).toBeNull();
  });
});

describe('htmlToText', () => {
  it('keeps paragraphs and bullets and drops scripts, styles and tags', () => {
    expect(
      htmlToText(
        '<style>p{}</style><p>One&nbsp;two</p><ol><li>a</li><li><b>b</b></li></ol>line<br>break<script>x()</script>',
      ),
    ).toBe('One two\n\n- a\n- b\n\nline\nbreak');
  });
});

describe('hostile pages', () => {
  const deep = (n: number, inner: string) => `${'<div>'.repeat(n)}${inner}${'</div>'.repeat(n)}`;

  it('reads a page nested 1,500 deep, skipping what lies past 256 levels', () => {
    const html = `<html><head><title>Deep - Hostile Corp</title></head><body><h1>Deep</h1>${deep(100, 'A job posting text near the top, long enough to count as one.')}${deep(1_500, 'Buried text.')}</body></html>`;
    const { fields } = extractPosting(html);
    expect(fields.companyName).toBe('Hostile Corp');
    expect(fields.description).toBe(
      'A job posting text near the top, long enough to count as one.',
    );
  });

  it('refuses quickly to parse a page nested 200,000 deep', () => {
    const started = Date.now();
    const { source, warnings } = extractPosting(`<body>${deep(200_000, 'x')}</body>`);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(source).toBeNull();
    expect(warnings).toEqual([
      'The page nests elements more than 2,000 deep, so Pursuit did not read it; paste the posting’s text instead.',
    ]);
  });
});
