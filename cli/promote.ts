/**
 * `tandem library promote <id>`: turns a strategy a participant shared publicly into a curated
 * library entry, an MDX file in content/library/ the mentor then edits. The participant's words go
 * into the frontmatter as a string (`shared.text`), which the entry page renders as text: they are
 * never compiled as MDX, whatever they contain. `shared.source` lets the build notice when the
 * author withdraws consent.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getSharedStrategy, type SharedStrategy } from '../worker/db/strategies.ts';
import { reservedLibrarySlugs } from '../site/lib/library-routes.ts';
import { UsageError } from './commands.ts';
import { PROJECT_ROOT, type Connection } from '../worker/db/connection.ts';

/** A file-name slug from a title: lower-case words joined by dashes. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'strategy';
}

function yamlString(text: string): string {
  return JSON.stringify(text);
}

/** The MDX file of a promoted strategy: frontmatter only, with a body for the mentor's own words. */
export function strategyEntry(strategy: SharedStrategy, today: string): string {
  const firstSentence = strategy.body.split(/(?<=[.!?])\s/)[0] ?? strategy.body;
  const summary = firstSentence.length > 150 ? `${firstSentence.slice(0, 147)}…` : firstSentence;
  const words = strategy.body.split(/\s+/).length;
  const tags = strategy.tags.filter((t) => /^[a-z0-9][a-z0-9 -]*$/.test(t)).slice(0, 8);
  return `---
title: ${yamlString(strategy.title.length >= 3 ? strategy.title.slice(0, 100) : `Strategy: ${strategy.title}`)}
summary: ${yamlString(summary.length >= 10 ? summary : `A strategy shared by ${strategy.author}.`)}
kind: guide
stage: weekly
tags: ${JSON.stringify(tags)}
minutes: ${Math.max(1, Math.ceil(words / 200))}
reviewed: ${today}
related: []
shared:
  source: ${strategy.id}
  text: ${yamlString(strategy.body)}
  author: ${yamlString(strategy.author)}
  cohort: ${yamlString(strategy.cohort.name)}
  week: ${strategy.week}
---
`;
}

/**
 * The entry's file name: its title's slug, unless that is the address of one of the library's own
 * pages (/library/stories/, /library/tags/, …), which would hide the entry; then the strategy's
 * number is added, and the note says so.
 */
export function entrySlug(slug: string, id: number, reserved = reservedLibrarySlugs(PROJECT_ROOT)): { slug: string; note: string } {
  if (!reserved.includes(slug)) return { slug, note: '' };
  return { slug: `${slug}-${id}`, note: `/library/${slug}/ is one of the library's own pages, so the entry is named ${slug}-${id}.mdx instead.\n` };
}

export async function promoteStrategy(conn: Connection, idText: string | undefined, today: string, folder = join(PROJECT_ROOT, 'content', 'library')): Promise<string> {
  const id = Number(idText);
  if (!idText || !Number.isInteger(id) || id < 1) throw new UsageError('Name the strategy to promote by its number: npm run tandem -- library promote 42 (the number is in the address of its page, /library/community/42/).');
  const strategy = await getSharedStrategy(conn.db, id);
  if (!strategy) throw new UsageError(`There is no strategy ${id} shared with public consent from a published cohort, so nothing was written.`);
  const { slug, note } = entrySlug(slugify(strategy.title), id);
  const file = join(folder, `${slug}.mdx`);
  if (existsSync(file)) throw new UsageError(`${file} exists already; rename or remove it first.`);
  await writeFile(file, strategyEntry(strategy, today));
  console.log(`${note}Wrote ${file}.\nThe participant's words are in its frontmatter and show as a quote. Set its kind, stage and related entries, add your own words below the frontmatter if you like, then npm run build.`);
  return file;
}
