// The only reader of process.env in the server. Every setting has a default
// that makes `pnpm start` work on a fresh machine.
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllowHosts, type ContextOptions } from '@pursuit/api/server';
import { parseTrustProxy, type TrustProxy } from './trust-proxy';

export type SignupMode = NonNullable<ContextOptions['signup']>;
const SIGNUP_MODES = ['open', 'invite', 'closed'] as const satisfies readonly SignupMode[];

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

export interface Env {
  port: number;
  host: string;
  origin: string;
  databaseUrl: string | undefined;
  appDatabaseUrl: string | undefined;
  dataDir: string;
  logLevel: 'silent' | 'info';
  changeLogRetentionSeconds: number;
  /** EXPORT_STALL_SECONDS: a download whose reader takes nothing this long is cut off. */
  exportStallSeconds: number;
  /** TRUST_PROXY: which peers may name the client in X-Forwarded-For (none by default). */
  trustProxy: TrustProxy;
  /** SIGNUP: who may create an account — anyone (open), or only with an invitation link. */
  signup: SignupMode;
  /** GHOSTED_AFTER_DAYS: applied this many days ago with no reply counts as gone quiet (default 21). */
  ghostedAfterDays: number;
  /** SMTP_URL (e.g. smtp://user:pass@mail.example.com:587): the daily digest is sent only when set. */
  smtpUrl: string | undefined;
  /** DIGEST_FROM: the digest's sender address (default pursuit@<ORIGIN's host>). */
  digestFrom: string;
  /** CAPTURE_ALLOW_HOSTS: host or host:port capture may fetch although private (intranets, tests). */
  captureAllowHosts: string[];
  documents: {
    retentionDays: number;
    monthlyLimit: number | null;
    openai: { baseUrl: string; apiKey: string | undefined; model: string | undefined } | null;
    /**
     * OPENAI_EMBEDDING_MODEL: search by meaning embeds with this model at
     * OPENAI_BASE_URL (default OpenAI's) instead of the built-in one.
     */
    embedding?: { baseUrl: string; apiKey: string | undefined; model: string } | null;
    builtinWordsPerSecond: number;
    /** Run the job worker in this process (WORKER=off for web-only instances). */
    worker: boolean;
    /** GENERATION_STALE_SECONDS: a generation without a heartbeat this long has lost its worker. */
    staleSeconds?: number;
  };
}

function wholeNumber(
  name: string,
  value: string | undefined,
  fallback: number | null,
): number | null {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a whole number ≥ 0, got ${value}`);
  return n;
}

function positive(name: string, value: string | undefined, fallback: number): number {
  const n = wholeNumber(name, value, fallback)!;
  if (n === 0) throw new Error(`${name} must be at least 1, got ${value}`);
  return n;
}

const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

function ghostedAfterDays(value: string | undefined): number {
  const days = positive('GHOSTED_AFTER_DAYS', value, 21);
  if (days > 365) throw new Error(`GHOSTED_AFTER_DAYS must be at most 365, got ${value}`);
  return days;
}

/** "7d", "12h", "90m", "3600s" or plain seconds. */
export function parseDuration(value: string): number {
  const match = /^(\d+)\s*([smhd]?)$/.exec(value.trim());
  if (!match) throw new Error(`CHANGE_LOG_RETENTION must look like 7d, 12h or 3600s, got ${value}`);
  return Number(match[1]) * (units[match[2] || 's'] ?? 1);
}

function resolveFromCaller(path: string): string {
  // pnpm runs package scripts inside the package; INIT_CWD is where the person typed the command.
  return isAbsolute(path) ? path : resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

function parseSignup(value: string | undefined): SignupMode {
  const mode = (value ?? '').trim().toLowerCase() || 'open';
  const known = SIGNUP_MODES.find((m) => m === mode);
  if (!known) throw new Error(`SIGNUP must be open, invite or closed, got ${value}`);
  return known;
}

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const port = Number(source.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got ${source.PORT}`);
  }
  const origin = (source.ORIGIN ?? `http://localhost:${port}`).replace(/\/$/, '');
  try {
    new URL(origin);
  } catch {
    throw new Error(`ORIGIN must be a URL like https://pursuit.example.com, got ${origin}`);
  }
  return {
    port,
    host: source.HOST ?? '0.0.0.0',
    origin,
    databaseUrl: source.DATABASE_URL || undefined,
    appDatabaseUrl: source.APP_DATABASE_URL || undefined,
    dataDir: source.DATA_DIR ? resolveFromCaller(source.DATA_DIR) : resolve(repoRoot, '.data'),
    logLevel: source.LOG_LEVEL === 'silent' ? 'silent' : 'info',
    changeLogRetentionSeconds: parseDuration(source.CHANGE_LOG_RETENTION ?? '7d'),
    exportStallSeconds: positive('EXPORT_STALL_SECONDS', source.EXPORT_STALL_SECONDS, 30),
    trustProxy: parseTrustProxy(source.TRUST_PROXY),
    signup: parseSignup(source.SIGNUP),
    ghostedAfterDays: ghostedAfterDays(source.GHOSTED_AFTER_DAYS),
    smtpUrl: source.SMTP_URL || undefined,
    digestFrom: source.DIGEST_FROM || `pursuit@${new URL(origin).hostname}`,
    captureAllowHosts: parseAllowHosts(source.CAPTURE_ALLOW_HOSTS),
    documents: {
      retentionDays: wholeNumber('DOCUMENT_RETENTION_DAYS', source.DOCUMENT_RETENTION_DAYS, 30)!,
      monthlyLimit: wholeNumber('AI_MONTHLY_LIMIT', source.AI_MONTHLY_LIMIT, null),
      openai: source.OPENAI_BASE_URL
        ? {
            baseUrl: source.OPENAI_BASE_URL,
            apiKey: source.OPENAI_API_KEY || undefined,
            model: source.OPENAI_MODEL || undefined,
          }
        : null,
      embedding: source.OPENAI_EMBEDDING_MODEL
        ? {
            baseUrl: source.OPENAI_BASE_URL || 'https://api.openai.com/v1',
            apiKey: source.OPENAI_API_KEY || undefined,
            model: source.OPENAI_EMBEDDING_MODEL,
          }
        : null,
      builtinWordsPerSecond: wholeNumber(
        'BUILTIN_WORDS_PER_SECOND',
        source.BUILTIN_WORDS_PER_SECOND,
        150,
      )!,
      worker: source.WORKER !== 'off',
      staleSeconds: positive('GENERATION_STALE_SECONDS', source.GENERATION_STALE_SECONDS, 120),
    },
  };
}
