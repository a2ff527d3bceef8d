/** What every command shares: its options, and the error for a command called wrongly. */

/** A mistake in how a command was called: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}

export type Options = Record<string, string | boolean | undefined>;
