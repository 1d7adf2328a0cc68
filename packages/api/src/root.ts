// The whole API: one router per domain, composed here. The web app imports
// only `type AppRouter` from this package.
import { accountRouter } from './router/account';
import { adminRouter } from './router/admin';
import { applicationRouter } from './router/application';
import { authRouter } from './router/auth';
import { calendarRouter } from './router/calendar';
import { captureRouter } from './router/capture';
import { certificationRouter } from './router/certification';
import { commentRouter } from './router/comment';
import { contactRouter } from './router/contact';
import { documentRouter } from './router/document';
import { educationRouter } from './router/education';
import { experienceRouter } from './router/experience';
import { insightsRouter } from './router/insights';
import { interviewRouter } from './router/interview';
import { notificationRouter } from './router/notification';
import { offerRouter } from './router/offer';
import { portableRouter } from './router/portable';
import { presenceRouter } from './router/presence';
import { profileRouter } from './router/profile';
import { projectRouter } from './router/project';
import { reminderRouter } from './router/reminder';
import { resumeRouter } from './router/resume';
import { searchRouter } from './router/search';
import { sharingRouter } from './router/sharing';
import { skillRouter } from './router/skill';
import { syncRouter } from './router/sync';
import { targetRouter } from './router/target';
import { tokenRouter } from './router/token';
import { createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  auth: authRouter,
  application: applicationRouter,
  interview: interviewRouter,
  contact: contactRouter,
  sync: syncRouter,
  profile: profileRouter,
  experience: experienceRouter,
  education: educationRouter,
  certification: certificationRouter,
  project: projectRouter,
  skill: skillRouter,
  resume: resumeRouter,
  portable: portableRouter,
  document: documentRouter,
  sharing: sharingRouter,
  comment: commentRouter,
  notification: notificationRouter,
  admin: adminRouter,
  presence: presenceRouter,
  reminder: reminderRouter,
  calendar: calendarRouter,
  account: accountRouter,
  insights: insightsRouter,
  offer: offerRouter,
  search: searchRouter,
  target: targetRouter,
  token: tokenRouter,
  capture: captureRouter,
});

export type AppRouter = typeof appRouter;
