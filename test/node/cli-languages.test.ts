/** Languages from the mentor's side: a cohort's (`cohort add|set --language`) and each person's (the roster's `language` column). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../worker/db/connection.ts';
import { Program } from '../support/program.ts';

const program = new Program();

function file(name: string, text: string): string {
  const path = join(program.outDir, name);
  writeFileSync(path, text);
  return path;
}

/** The stored languages: the cohort's, and each person's own (null: the cohort's) by name. */
async function languages(slug: string): Promise<{ cohort: string | undefined; people: Record<string, string | null> }> {
  process.env.TANDEM_STATE_DIR = program.stateDir;
  const conn = await openDatabase();
  try {
    const cohort = await conn.db.prepare('SELECT language FROM cohorts WHERE slug = ?1').bind(slug).first<{ language: string }>();
    const { results } = await conn.db
      .prepare('SELECT p.display_name AS name, p.language FROM participants p JOIN cohorts c ON c.id = p.cohort_id WHERE c.slug = ?1')
      .bind(slug)
      .all<{ name: string; language: string | null }>();
    return { cohort: cohort?.language, people: Object.fromEntries(results.map((r) => [r.name, r.language])) };
  } finally {
    await conn.close();
  }
}

const ROSTER = `name,email,role,pair,language
Morgan,morgan@example.org,mentor,,
Amira,amira@example.org,mentee,Pareja 1,ar
Bruno,bruno@example.org,mentee,Pareja 1,
`;

beforeAll(() => program.setup());

describe('a cohort’s language', () => {
  it('is English unless the mentor says otherwise, and --language es makes it Spanish', async () => {
    expect(program.tandem('cohort', 'add', '--slug', 'plain', '--name', 'Plain', '--timezone', 'UTC').status).toBe(0);
    const run = program.tandem('cohort', 'add', '--slug', 'primavera', '--name', 'Primavera', '--timezone', 'Europe/Madrid', '--language', 'es');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('pages in Spanish');
    expect((await languages('plain')).cohort).toBe('en');
    expect((await languages('primavera')).cohort).toBe('es');
  });

  it('refuses a language Tandem does not speak, names those it does, and adds nothing', async () => {
    const run = program.tandem('cohort', 'add', '--slug', 'automne', '--name', 'Automne', '--timezone', 'Europe/Paris', '--language', 'fr');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--language must be one of en (English), es (Spanish), ar (Arabic) (got “fr”)');
    expect((await languages('automne')).cohort).toBeUndefined();
  });

  it('is changed with cohort set --language, and a bad one changes nothing', async () => {
    expect(program.tandem('cohort', 'set', '--slug', 'plain', '--language', 'ar').status).toBe(0);
    expect((await languages('plain')).cohort).toBe('ar');
    const bad = program.tandem('cohort', 'set', '--slug', 'plain', '--language', 'xx', '--publication', 'public');
    expect(bad.status).toBe(2);
    expect((await languages('plain')).cohort).toBe('ar');
  });
});

describe('a participant’s own language, from the roster', () => {
  it('is taken from the optional language column; empty means the cohort’s', async () => {
    const run = program.tandem('roster', 'import', file('primavera.csv', ROSTER), '--cohort', 'primavera');
    expect(run.status).toBe(0);
    expect((await languages('primavera')).people).toEqual({ Morgan: null, Amira: 'ar', Bruno: null });
  });

  it('refuses a row with a language Tandem does not speak, naming the line, and imports nothing', async () => {
    const bad = ROSTER.replace('Bruno,bruno@example.org,mentee,Pareja 1,', 'Bruno,bruno@example.org,mentee,Pareja 1,fr');
    const run = program.tandem('roster', 'import', file('bad.csv', bad.replace('Amira,amira@example.org,mentee,Pareja 1,ar', 'Amira,amira@example.org,mentee,Pareja 1,es')), '--cohort', 'primavera');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/line 4: the language must be one of en, es, ar/);
    expect((await languages('primavera')).people.Amira).toBe('ar');
  });

  it('is kept by a re-import without the column (they may have chosen it on their page)', async () => {
    const without = ROSTER.replace(',language\n', '\n').replace(/,(ar)?\n/g, '\n');
    expect(program.tandem('roster', 'import', file('without.csv', without), '--cohort', 'primavera').status).toBe(0);
    expect((await languages('primavera')).people).toEqual({ Morgan: null, Amira: 'ar', Bruno: null });
  });
});
