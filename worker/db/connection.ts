/**
 * The Node side's door to D1 for a statement or two at a time, shared by the CLI, the benchmarks
 * and the Node tests (the build reads inside workerd, workerd.ts): wrangler's getPlatformProxy, on the local SQLite file by default
 * or the production database with `remote`. Node only: nothing the Worker runs imports this file.
 */
import { getPlatformProxy } from 'wrangler';
import { CONFIG_PATH, stateDir } from './paths.ts';

export { CONFIG_PATH, PROJECT_ROOT, stateDir } from './paths.ts';

export interface Connection {
  db: D1Database;
  env: Env;
  remote: boolean;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Use the production database (the `[env.production]` binding marked `remote = true`). */
  remote?: boolean;
}

export async function openDatabase({ remote = false }: OpenOptions = {}): Promise<Connection> {
  // Keep wrangler's chatter ("Using secrets defined in .dev.vars") off stdout, which carries CSV.
  process.env.WRANGLER_LOG ??= 'warn';
  const proxy = remote
    ? await getPlatformProxy<Env>({ configPath: CONFIG_PATH, environment: 'production', remoteBindings: true })
    : await getPlatformProxy<Env>({ configPath: CONFIG_PATH, persist: { path: `${stateDir()}/v3` }, remoteBindings: false });
  // The production LINK_SECRET is never in .dev.vars (which wrangler would fall back to): remotely
  // it comes from the shell environment only, so links are never signed with the local secret.
  const env = { ...proxy.env, LINK_SECRET: remote ? (process.env.LINK_SECRET ?? '') : proxy.env.LINK_SECRET };
  return { db: proxy.env.DB, env, remote, close: () => proxy.dispose() };
}
