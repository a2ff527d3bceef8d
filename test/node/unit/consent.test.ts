/**
 * One consent vocabulary: the migrations' CHECK constraints cannot import worker/domain/consent.ts
 * (and applied migrations are never edited), so this reads every column named *consent in them and
 * fails when its CHECK (... IN (...)) list differs from CONSENT_LEVELS.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COHORT_PAGE_CONSENT, CONSENT_LABELS, CONSENT_LEVELS, DEFAULT_CONSENT, isPublicPageConsent, PUBLIC_PAGE_CONSENT } from '../../../worker/domain/consent.ts';
import { fieldMeta } from '../../../worker/forms/fields.ts';
import { reflectionSchema } from '../../../worker/forms/reflection.ts';
import { onCohortPages, onPublicPages, sqlList } from '../../../worker/db/rules.ts';
import { translator } from '../../../worker/domain/i18n.ts';
import { ROOT } from '../../support/program.ts';

const MIGRATIONS = join(ROOT, 'worker', 'migrations');

interface ConsentColumn {
  where: string;
  column: string;
  /** The values its CHECK allows; null without a CHECK. */
  allowed: string[] | null;
  /** Its DEFAULT; null without one. */
  initial: string | null;
}

/** Every consent column the migrations declare. */
function consentColumns(): ConsentColumn[] {
  const found: ConsentColumn[] = [];
  for (const file of readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql')).sort()) {
    const sql = readFileSync(join(MIGRATIONS, file), 'utf8').replace(/--[^\n]*/g, '');
    // A column definition: its name and type, up to the next comma or closing parenthesis at depth 0.
    for (const [definition, column] of sql.matchAll(/\b([a-z_]*consent)\s+TEXT\b(?:[^,()]|\((?:[^()]|\([^()]*\))*\))*/gi)) {
      const check = new RegExp(`CHECK\\s*\\(\\s*${column}\\s+IN\\s*\\(([^)]*)\\)\\s*\\)`, 'i').exec(definition);
      const allowed = check ? [...check[1]!.matchAll(/'([^']*)'/g)].map((m) => m[1]!) : null;
      const initial = /\bDEFAULT\s+'([^']*)'/i.exec(definition)?.[1] ?? null;
      found.push({ where: file, column: column!, allowed, initial });
    }
  }
  return found;
}

describe('the consent vocabulary', () => {
  it('is the one every consent column of the migrations allows, private by default', () => {
    const columns = consentColumns();
    // checkins.win_consent, reflections.consent, milestones.consent, pulses.comment_consent at least.
    expect(columns.length).toBeGreaterThanOrEqual(4);
    for (const found of columns) expect(found).toEqual({ ...found, allowed: [...CONSENT_LEVELS], initial: DEFAULT_CONSENT });
  });

  it('is what the forms offer, private by default, with a label for every level', () => {
    const meta = fieldMeta(reflectionSchema.shape.consent);
    expect(meta.options?.map((o) => o.value)).toEqual([...CONSENT_LEVELS]);
    expect(meta.options?.map((o) => translator('en').say(o.label))).toEqual(CONSENT_LEVELS.map((level) => translator('en')(CONSENT_LABELS[level])));
    expect(meta.initial).toBe(DEFAULT_CONSENT);
    expect(reflectionSchema.shape.consent.parse(undefined)).toBe('private');
    expect(() => reflectionSchema.shape.consent.parse('friends')).toThrow();
  });

  it('shows on public pages only what may also show on cohort pages, and never private text', () => {
    expect(COHORT_PAGE_CONSENT).not.toContain(DEFAULT_CONSENT);
    for (const level of PUBLIC_PAGE_CONSENT) expect(COHORT_PAGE_CONSENT).toContain(level);
    for (const level of COHORT_PAGE_CONSENT) expect(CONSENT_LEVELS).toContain(level);
    expect(CONSENT_LEVELS.filter(isPublicPageConsent)).toEqual(['public']);
  });

  it('becomes the SQL IN-lists the queries use', () => {
    expect(sqlList(["it's", 'b'])).toBe("('it''s', 'b')");
    expect(onCohortPages('r.consent')).toBe("r.consent IN ('cohort', 'public')");
    expect(onPublicPages('m.consent')).toBe("m.consent IN ('public')");
  });
});
