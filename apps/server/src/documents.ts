// Chooses the document generator from the environment (an OpenAI-compatible
// endpoint when OPENAI_BASE_URL is set, else the built-in one) and starts the
// job queue (with its housekeeping crontab), giving the procedures their
// DocumentServices.
import {
  builtinEmbedder,
  builtinGenerator,
  openAIEmbedder,
  openAIGenerator,
  type Embedder,
  redactUrl,
  type DocumentServices,
  type TextGenerator,
} from '@pursuit/api/server';
import type { Databases } from './database';
import type { Env } from './env';
import { startJobs, type Jobs, type JobsOptions } from './jobs';

export function generatorFor(env: Env['documents']): {
  generator: TextGenerator;
  info: DocumentServices['generator'];
} {
  if (env.openai) {
    const generator = openAIGenerator({
      baseURL: env.openai.baseUrl,
      apiKey: env.openai.apiKey,
      model: env.openai.model,
    });
    return {
      generator,
      // Shown on the settings page and in the log: without its credentials.
      info: { name: generator.name, kind: 'openai', baseUrl: redactUrl(env.openai.baseUrl) },
    };
  }
  return {
    generator: builtinGenerator({ wordsPerSecond: env.builtinWordsPerSecond }),
    info: { name: 'builtin', kind: 'builtin', baseUrl: null },
  };
}

/** Search by meaning's model: the endpoint's when OPENAI_EMBEDDING_MODEL is set. */
export function embedderFor(env: Env['documents']): Embedder {
  if (!env.embedding) return builtinEmbedder;
  return openAIEmbedder({
    baseURL: env.embedding.baseUrl,
    apiKey: env.embedding.apiKey,
    model: env.embedding.model,
  });
}

export async function startDocuments(
  env: Env['documents'],
  databases: Pick<Databases, 'app' | 'owner' | 'ownerUrl'>,
  log: (line: string) => void,
  work = env.worker,
  /** For the change-log prune the worker's crontab runs; default 7 days. */
  changeLogRetentionSeconds?: number,
  /** The daily email digest (only when SMTP_URL is set). */
  digest?: JobsOptions['digest'],
): Promise<{ services: DocumentServices; jobs: Jobs }> {
  const { generator, info } = generatorFor(env);
  const embedder = embedderFor(env);
  const jobs = await startJobs({
    embedder,
    ownerUrl: databases.ownerUrl,
    app: databases.app,
    owner: databases.owner,
    generator,
    retentionDays: env.retentionDays,
    staleSeconds: env.staleSeconds,
    changeLogRetentionSeconds,
    digest,
    work,
    log,
  });
  log(
    `documents: ${info.kind === 'openai' ? `model ${info.name} at ${info.baseUrl}` : 'built-in generator'}${work ? '' : ' (worker off here)'}`,
  );
  return {
    jobs,
    services: {
      jobs: jobs.queue,
      generator: info,
      retentionDays: env.retentionDays,
      monthlyLimit: env.monthlyLimit,
      embedder,
    },
  };
}
