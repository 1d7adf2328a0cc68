// The built-in documents: research report, tailored résumé, cover letter and
// follow-up email, as Markdown, each in its own module. Every fact in them comes from the
// person's own entries or the job posting; nothing is invented — no skill the
// person did not list or use, no employer, date or figure they did not enter.
import type { Candidate, JobPosting } from './candidate';
import { followUpEmail } from './follow-up';
import { coverLetter } from './letter';
import { analyzeMatch } from './match';
import { researchReport } from './report';
import { tailoredResume } from './resume';
import { analyze, type DocumentType } from './writing';

export { coverLetter, followUpEmail, researchReport, tailoredResume };
export { analyze, withResumeExperience, type Analysis, type DocumentType } from './writing';

export function generateBuiltin(
  type: DocumentType,
  candidate: Candidate,
  posting: JobPosting,
): string {
  const analysis = analyze(candidate, posting);
  switch (type) {
    case 'research_report':
      return researchReport(candidate, posting, analysis);
    case 'optimized_resume':
      return tailoredResume(candidate, posting, analysis);
    case 'cover_letter':
      return coverLetter(candidate, posting, analysis);
    case 'follow_up_email':
      return followUpEmail(candidate, posting, analysis);
  }
}

export { analyzeMatch };
