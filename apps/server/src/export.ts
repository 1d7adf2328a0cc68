// The two streamed downloads of "export everything": GET
// /export/pursuit-export.json and GET /export/applications.csv. The session
// cookie authenticates them like any page; the bytes come from @pursuit/api's
// generators and go out with backpressure, so memory stays flat.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { exportApplicationsCsv, exportEverything, validateSessionToken } from '@pursuit/api/server';
import type { Database } from '@pursuit/db';
import { sessionTokenOf } from './request';

const downloads: Record<
  string,
  { type: string; name: string; stream: (db: Database, userId: string) => AsyncGenerator<string> }
> = {
  '/export/pursuit-export.json': {
    type: 'application/json; charset=utf-8',
    name: 'pursuit-export',
    stream: exportEverything,
  },
  '/export/applications.csv': {
    type: 'text/csv; charset=utf-8',
    name: 'pursuit-applications',
    stream: exportApplicationsCsv,
  },
};

const pathOf = (url: string) => url.split('?')[0]!;

/** One of the two download URLs (anything else under /export is the web app's). */
export function isExportPath(url: string): boolean {
  return Object.hasOwn(downloads, pathOf(url));
}

function refuse(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(JSON.stringify({ error: { message } }));
}

/** Serves one download; never rejects (failures are answered or cut short and logged). */
export function serveExport(
  req: IncomingMessage,
  res: ServerResponse,
  app: Database,
  log?: (line: string) => void,
): void {
  send(req, res, app, log).catch((error: unknown) => {
    log?.(
      `export ${req.url ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    if (!res.headersSent) refuse(res, 503, 'The export could not be read right now. Try again.');
    else res.destroy();
  });
}

async function send(
  req: IncomingMessage,
  res: ServerResponse,
  app: Database,
  log?: (line: string) => void,
): Promise<void> {
  const path = pathOf(req.url ?? '/');
  const download = downloads[path];
  if (!download) return refuse(res, 404, 'There is no such export.');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return refuse(res, 405, 'Exports are downloaded with GET.', { allow: 'GET, HEAD' });
  }
  const { user } = await validateSessionToken(app, sessionTokenOf(req));
  if (!user) return refuse(res, 401, 'Sign in to export your data.');
  const extension = path.slice(path.lastIndexOf('.'));
  const day = new Date().toISOString().slice(0, 10);
  res.writeHead(200, {
    'content-type': download.type,
    'content-disposition': `attachment; filename="${download.name}-${day}${extension}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') return void res.end();
  try {
    await pipeline(Readable.from(download.stream(app, user.id), { objectMode: false }), res);
  } catch (error) {
    // Headers are gone: a failure (or a cancelled download) ends the response
    // short, which the browser reports as a failed download.
    if ((error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') {
      log?.(`export ${path} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    res.destroy();
  }
}
