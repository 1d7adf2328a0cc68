// A second server process for the multi-instance test: the same code as
// `pnpm start` minus the web app, on the database the test gives it.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { noDocumentServices } from '@pursuit/api/server';
import { createDb } from '@pursuit/db';
import { createPursuitServer } from '../../src/http';

const app = createDb(process.env.TEST_APP_URL!, { name: 'instance-2-app' });
const owner = createDb(process.env.TEST_OWNER_URL!, { name: 'instance-2-owner' });
const pursuit = createPursuitServer({
  app,
  owner,
  origin: process.env.TEST_ORIGIN!,
  documents: noDocumentServices,
});
await pursuit.ready;
pursuit.server.listen(0, '127.0.0.1');
await once(pursuit.server, 'listening');
console.log(`listening ${(pursuit.server.address() as AddressInfo).port}`);
process.on('SIGTERM', () => {
  void pursuit
    .close()
    .then(() => Promise.all([app.close(), owner.close()]))
    .then(() => process.exit(0));
});
