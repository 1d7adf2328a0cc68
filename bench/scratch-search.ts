import { startEmbeddedDatabase } from '@pursuit/db/embedded';
import postgres from 'postgres';
import { seedSearch } from './search/seed';
import { benchPasswordHash, createCompany, createUsers } from './setup';
const db = await startEmbeddedDatabase({ dataDir: '/tmp/search-scratch', port: 55432 });
const owner = postgres(db.ownerUrl, { max: 2, onnotice: () => {} });
const [{ n }] = await owner`select count(*)::int as n from applications`;
if (n === 0) {
  const companyId = await createCompany(owner);
  const [person] = await createUsers(owner, { tag: 's', count: 1, sessionsPerUser: 1, withApplication: false, passwordHash: await benchPasswordHash(), companyId });
  const t = Date.now();
  console.log(await seedSearch(owner, person!, 10000), Date.now() - t, 'ms');
  await owner`analyze`;
}
const [{ id }] = await owner`select user_id as id from applications limit 1`;
console.log('OWNER', db.ownerUrl, 'APP', db.appUrl, 'USER', id);
await owner.end();
setInterval(() => {}, 1 << 30);
