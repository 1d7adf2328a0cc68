import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, depends }) => {
  depends('app:insights');
  const [summary, { snapshots }] = await Promise.all([
    locals.api.insights.summary.query({}),
    locals.api.insights.snapshots.query({ days: 90 }),
  ]);
  return { summary, snapshots };
};
