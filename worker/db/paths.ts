/**
 * Where the project and its local state are, for the Node side (the CLI, the build, the tests).
 * Apart from connection.ts so that what needs only these does not load wrangler, a second of CPU.
 */
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CONFIG_PATH = fileURLToPath(new URL('../../wrangler.toml', import.meta.url));

/**
 * Where local state lives: wrangler's default `.wrangler/state`, or TANDEM_STATE_DIR (tests and
 * benchmarks use their own). Pass the same directory to `wrangler … --persist-to`.
 */
export function stateDir(): string {
  return process.env.TANDEM_STATE_DIR ?? fileURLToPath(new URL('../../.wrangler/state', import.meta.url));
}
