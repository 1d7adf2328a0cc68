// The two streamed downloads of "export everything": GET
// /export/pursuit-export.json and GET /export/applications.csv. The session
// cookie authenticates them like any page; the bytes come from @pursuit/api's
// generators and go out with backpressure, so memory stays flat.
//
// A download holds a database transaction for as long as the browser takes to
// read it, so exports cannot be allowed to starve requests (issue 10): they
// run on their own small pool, one at a time per user, and a reader that takes
// no bytes for `stallMs` is cut off, which ends its transaction.
import type { IncomingMessage, ServerResponse } from 'node:http';
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

export interface ExportOptions {
  /** The request pool: only to check the session cookie. */
  app: Database;
  /** The exports' own pool (request role, so RLS applies), a few connections. */
  db: Database;
  /** A download whose reader takes nothing for this long is cut off. */
  stallMs: number;
  log?: (line: string) => void;
}

export interface Exports {
  /** Serves one download; never rejects (failures are answered or cut short and logged). */
  serve(req: IncomingMessage, res: ServerResponse): void;
}

/** Default for EXPORT_STALL_SECONDS. */
export const EXPORT_STALL_MS = 30_000;

class Stalled extends Error {}
class Gone extends Error {}

/** Resolves when `res` can take more; rejects when the reader is gone or stalled. */
function drained(res: ServerResponse, stallMs: number): Promise<void> {
  if (res.destroyed) return Promise.reject(new Gone());
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      res.off('drain', onDrain);
      res.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Gone());
    const timer = setTimeout(() => done(new Stalled()), stallMs);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

export function createExports(options: ExportOptions): Exports {
  // Users with a download under way on this instance.
  const exporting = new Set<string>();
  const { log } = options;
  return {
    serve(req, res) {
      send(req, res, options, exporting).catch((error: unknown) => {
        log?.(
          `export ${req.url ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        if (!res.headersSent)
          refuse(res, 503, 'The export could not be read right now. Try again.');
        else res.destroy();
      });
    },
  };
}

async function send(
  req: IncomingMessage,
  res: ServerResponse,
  { app, db, stallMs, log }: ExportOptions,
  exporting: Set<string>,
): Promise<void> {
  const path = pathOf(req.url ?? '/');
  const download = downloads[path];
  if (!download) return refuse(res, 404, 'There is no such export.');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return refuse(res, 405, 'Exports are downloaded with GET.', { allow: 'GET, HEAD' });
  }
  const { user } = await validateSessionToken(app, sessionTokenOf(req));
  if (!user) return refuse(res, 401, 'Sign in to export your data.');
  if (exporting.has(user.id)) {
    return refuse(
      res,
      429,
      'An export of your data is already downloading. Let it finish (or cancel it), then try again.',
      { 'retry-after': '10' },
    );
  }
  const extension = path.slice(path.lastIndexOf('.'));
  const day = new Date().toISOString().slice(0, 10);
  res.writeHead(200, {
    'content-type': download.type,
    'content-disposition': `attachment; filename="${download.name}-${day}${extension}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') return void res.end();
  exporting.add(user.id);
  try {
    // Leaving this loop early (a stalled or vanished reader, a failure)
    // returns the generator, which rolls back and frees its connection.
    for await (const piece of download.stream(db, user.id)) {
      if (!res.write(piece)) await drained(res, stallMs);
    }
    res.end();
  } catch (error) {
    // Headers are gone: a failure (or a cancelled download) ends the response
    // short, which the browser reports as a failed download.
    if (error instanceof Stalled) {
      log?.(`export ${path}: the reader took nothing for ${stallMs} ms; cut off`);
    } else if (!(error instanceof Gone)) {
      log?.(`export ${path} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    res.destroy();
  } finally {
    exporting.delete(user.id);
  }
}
