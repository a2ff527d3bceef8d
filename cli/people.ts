/** The mentor's commands for one person's data rights: export, forget, revoke their links. */
import { writeFile } from 'node:fs/promises';
import { signToken } from '../worker/domain/links.ts';
import { exportParticipant, forgetParticipant, revokeLinks } from '../worker/db/people.ts';
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
