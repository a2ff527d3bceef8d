/** The mentor's commands for one person's data rights: export, forget, revoke their links, withdraw one item. */
import { writeFile } from 'node:fs/promises';
import { signToken } from '../worker/domain/links.ts';
import { PUBLISHABLE, type Publishable } from '../worker/domain/consent.ts';
import { exportParticipant, forgetParticipant, revokeLinks } from '../worker/db/people.ts';
import { getPublishable, setConsent } from '../worker/db/published.ts';
import { linkSecret, UsageError, type Options } from './commands.ts';
import type { Connection } from '../worker/db/connection.ts';
import { jsonForTerminal, say } from './terminal.ts';

function participantId(options: Options): number {
  const id = Number(options.participant);
  if (typeof options.participant !== 'string' || !Number.isInteger(id) || id < 1) {
    throw new UsageError('Name the person with --participant ID (the number at the start of their link’s code, before the first dot).');
  }
  return id;
}

/** Writes everything stored about a person as JSON, to --out FILE or stdout. */
export async function exportPerson(conn: Connection, options: Options): Promise<void> {
  const id = participantId(options);
  const data = await exportParticipant(conn.db, id);
  if (!data) throw new UsageError(`There is no participant ${id}.`);
  if (typeof options.out === 'string') {
    await writeFile(options.out, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    console.error(`Wrote everything stored about participant ${id} to ${options.out}. It is personal data: hand it to them and delete your copy.`);
  } else {
    process.stdout.write(`${jsonForTerminal(data)}\n`);
  }
}

/** Deletes a person and all their rows; asks for --yes first. */
export async function forgetPerson(conn: Connection, options: Options): Promise<void> {
  const id = participantId(options);
  if (options.yes !== true) {
    const data = await exportParticipant(conn.db, id);
    if (!data) throw new UsageError(`There is no participant ${id}.`);
    throw new UsageError(`This deletes ${String(data.participant.display_name)} (participant ${id}) and everything they wrote, for good. Run it again with --yes to go ahead.`);
  }
  const name = await forgetParticipant(conn.db, id);
  if (!name) throw new UsageError(`There is no participant ${id}.`);
  say(`Forgot ${name} (participant ${id}): their rows are deleted. Run npm run build (or let the scheduled build run) to drop them from the site.`);
}

/** Revokes a person's links and prints their new ones. */
export async function revokePersonLinks(conn: Connection, options: Options, origin: string): Promise<void> {
  const id = participantId(options);
  const secret = linkSecret(conn);
  const revoked = await revokeLinks(conn.db, id);
  if (!revoked) throw new UsageError(`There is no participant ${id}.`);
  const token = await signToken(secret, { participantId: id, cohortId: revoked.cohortId, linkVersion: revoked.linkVersion });
  say(`Revoked every earlier link of ${revoked.displayName}. Their new links:\n  their page: ${origin}/me/?t=${token}\n  check-in:   ${origin}/checkin/?t=${token}\n  reflection: ${origin}/reflect/?t=${token}`);
}

/** Participant text for one line: line breaks become spaces, long text is cut (say() shows any other control character as a sign). */
function oneLine(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * `withdraw --kind win|reflection|milestone --id N`: makes one published item private, with the
 * function the participant's own "Withdraw" button uses; the next build drops it.
 */
export async function withdrawItem(conn: Connection, options: Options): Promise<void> {
  const kind = options.kind;
  if (typeof kind !== 'string' || !(PUBLISHABLE as readonly string[]).includes(kind)) {
    throw new UsageError(`--kind must be win, reflection or milestone (got “${String(kind ?? '')}”).`);
  }
  const id = Number(options.id);
  if (typeof options.id !== 'string' || !/^\d+$/.test(options.id) || !Number.isSafeInteger(id) || id < 1) {
    throw new UsageError(`--id must be the item's number (got “${String(options.id ?? '')}”): it is the "id" of the ${kind} in the JSON of npm run tandem -- export --participant ID.`);
  }
  const item = await getPublishable(conn.db, kind as Publishable, id);
  if (!item) throw new UsageError(`There is no ${kind} ${id}. Look up its id in npm run tandem -- export --participant ID (the ${kind === 'win' ? 'checkins' : `${kind}s`} list).`);
  const what = `${kind} ${id} by ${item.displayName} (${item.cohortSlug}, week ${item.week}): “${oneLine(item.text)}”`;
  if (item.consent === 'private') {
    say(`The ${what} is private already: nothing to withdraw.`);
    return;
  }
  await setConsent(conn.db, { id: item.participantId }, kind as Publishable, id, 'private');
  say(`Withdrew ${what}. It is private now: it left the cohort's members-only page at once, and the next build (npm run build, or the scheduled one) drops it from the site.`);
}
