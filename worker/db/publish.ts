/** What the scheduled job last asked to publish. */

export async function getPublishState(db: D1Database): Promise<{ digest: string; requestedAt: string } | null> {
  const row = await db.prepare('SELECT digest, requested_at FROM publish_state WHERE id = 1').first<{ digest: string; requested_at: string }>();
  return row ? { digest: row.digest, requestedAt: row.requested_at } : null;
}

export async function recordPublishRequest(db: D1Database, digest: string, at: Date): Promise<void> {
  await db
    .prepare('INSERT INTO publish_state (id, digest, requested_at) VALUES (1, ?1, ?2) ON CONFLICT (id) DO UPDATE SET digest = excluded.digest, requested_at = excluded.requested_at')
    .bind(digest, at.toISOString())
    .run();
}
