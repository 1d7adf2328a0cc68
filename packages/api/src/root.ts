// The whole API: one router per domain, composed here. The web app imports
// only `type AppRouter` from this package.
import { applicationRouter } from './router/application';
import { authRouter } from './router/auth';
import { contactRouter } from './router/contact';
import { interviewRouter } from './router/interview';
import { syncRouter } from './router/sync';
import { createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  auth: authRouter,
  application: applicationRouter,
  interview: interviewRouter,
  contact: contactRouter,
  sync: syncRouter,
});

export type AppRouter = typeof appRouter;
