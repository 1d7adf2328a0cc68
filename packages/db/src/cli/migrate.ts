// `pnpm db:migrate`: applies the migrations to DATABASE_URL (the owner role).
import { prepareExternalDatabase } from '../bootstrap';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    'DATABASE_URL is not set. Without it, `pnpm start` migrates the embedded database itself.',
  );
  process.exit(1);
}
await prepareExternalDatabase(url, process.env.APP_DATABASE_URL);
console.log('migrations applied');
