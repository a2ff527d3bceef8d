/**
 * Test support for the Node and browser tests: a private local D1 in a temporary folder, the
 * real CLI and the real Astro build run against it, as a mentor would run them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function bin(pkg: string, file: string): string {
  return join(dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`)), file);
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A program under test: its own database folder and build folder. */
export class Program {
  readonly stateDir = mkdtempSync(join(tmpdir(), 'tandem-state-'));
  readonly outDir = mkdtempSync(join(tmpdir(), 'tandem-dist-'));
  /** The library the build reads: the project's own unless a test gives the program a copy. */
  libraryDir = join(ROOT, 'content', 'library');

  get env(): NodeJS.ProcessEnv {
    return { ...process.env, TANDEM_STATE_DIR: this.stateDir, TANDEM_OUT_DIR: this.outDir, TANDEM_LIBRARY_DIR: this.libraryDir, NO_COLOR: '1' };
  }

  /** Gives this program its own copy of the library, which tests may add entries to. */
  copyLibrary(): string {
    this.libraryDir = mkdtempSync(join(tmpdir(), 'tandem-library-'));
    cpSync(join(ROOT, 'content', 'library'), this.libraryDir, { recursive: true });
    return this.libraryDir;
  }

  /** Runs a node script of the project (cli/…) with the test's database. */
  node(script: string, args: string[] = [], input?: string): Run {
    const result = spawnSync(process.execPath, [join(ROOT, script), ...args], { cwd: ROOT, env: this.env, encoding: 'utf8', input });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  /** `npm run tandem -- …` */
  tandem(...args: string[]): Run {
    return this.node('cli/tandem.ts', args);
  }

  /** `npm run setup`: .dev.vars (if missing) and migrations. */
  setup(): void {
    const run = this.node('cli/setup.ts');
    if (run.status !== 0) throw new Error(`setup failed:\n${run.stdout}\n${run.stderr}`);
  }

  /** `npm run build -- --silent` into this program's out dir, whatever its outcome. */
  tryBuild(): Run {
    return this.node('cli/build.ts', ['--silent']);
  }

  /** `npm run build` into this program's out dir; throws when it fails. */
  build(): Run {
    const result = this.tryBuild();
    if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
    return result;
  }

  /** Every file the build wrote, with its text. */
  builtFiles(): { path: string; text: string }[] {
    const files: { path: string; text: string }[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else files.push({ path: path.slice(this.outDir.length), text: readFileSync(path, 'latin1') });
      }
    };
    walk(this.outDir);
    return files;
  }

  page(path: string): string {
    return readFileSync(join(this.outDir, path, 'index.html'), 'utf8');
  }

  /** Starts `wrangler dev` on this program's database and build; resolves once it is ready. */
  async serve(port: number): Promise<ChildProcess> {
    const server = spawn(
      process.execPath,
      [bin('wrangler', 'bin/wrangler.js'), 'dev', '--port', String(port), '--ip', '127.0.0.1', '--persist-to', this.stateDir, '--assets', this.outDir, '--show-interactive-dev-session=false'],
      { cwd: ROOT, env: { ...this.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`wrangler dev did not start:\n${output}`)), 90_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/Ready on/.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      server.stdout!.on('data', onData);
      server.stderr!.on('data', onData);
      server.on('exit', (code) => reject(new Error(`wrangler dev exited (${code}):\n${output}`)));
    });
    return server;
  }
}

/** A roster of six mentees in three pairs and two circles, plus a mentor. */
export const ROSTER_CSV = `name,email,role,pair,circle
Morgan,morgan.mentor@tandem-test.invalid,mentor,,
Ada,ada@tandem-test.invalid,mentee,P1,North
Ben,ben@tandem-test.invalid,mentee,P1,North
Cy,cy@tandem-test.invalid,mentee,P2,North
Di,di@tandem-test.invalid,mentee,P2,North
Eve,eve@tandem-test.invalid,mentee,P3,South
Fay,fay@tandem-test.invalid,mentee,P3,South
`;
