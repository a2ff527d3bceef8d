import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker from '../../worker/index.ts';
import { getPublishState } from '../../worker/db/publish.ts';
import { applyRetention } from '../../worker/db/retention.ts';
import { runScheduled } from '../../worker/scheduled.ts';
import { makeCohort } from './helpers.ts';

// The deploy hook is an outside service (GitHub, Cloudflare builds): its answer is stubbed here.
const hookCalls: Request[] = [];
function stubHook(status = 204) {
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    hookCalls.push(new Request(input, init));
    return new Response(null, { status });
  });
}

afterEach(() => {
  vi.restoreAllMocks();
  hookCalls.length = 0;
});

describe('scheduled publishing', () => {
  it('says in the log that no hook is set, and keeps asking until one is', async () => {
    await makeCohort();
    const log = vi.spyOn(console, 'log');
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: '17 * * * *' }), { ...env, DEPLOY_HOOK_URL: '' }, ctx);
    await waitOnExecutionContext(ctx);
    expect(log.mock.calls.flat().join('\n')).toMatch(/DEPLOY_HOOK_URL is not set/);
    expect(await getPublishState(env.DB)).toBeNull();
  });

  it('calls the hook once per change of the publishable data', async () => {
    stubHook();
    const hookEnv = { ...env, DEPLOY_HOOK_URL: 'https://hooks.example/deploy' };
    const { ada } = await makeCohort();
    expect(await runScheduled(hookEnv)).toBe('deploy-requested');
    expect(await runScheduled(hookEnv)).toBe('unchanged');
    expect(hookCalls).toHaveLength(1);
    expect(hookCalls[0]!.method).toBe('POST');
    expect(await hookCalls[0]!.json()).toMatchObject({ event_type: 'tandem-data-changed' });

    // A win shared with the cohort only is never built, so nothing to deploy; shared publicly, it is.
    await env.DB.prepare(`INSERT INTO checkins (idempotency_key, participant_id, cohort_id, week, progress, next_step, committed_action, win, win_consent)
      SELECT 'sched-1', id, cohort_id, 1, 'p', 'n', 'c', 'A shared win', 'private' FROM participants WHERE id = ?1`).bind(ada.id).run();
    await runScheduled(hookEnv); // the check-in itself counts in the figures
    const calls = hookCalls.length;
    const share = (consent: string) => env.DB.prepare(`UPDATE checkins SET win_consent = ?1 WHERE idempotency_key = 'sched-1'`).bind(consent).run();
    await share('cohort');
    expect(await runScheduled(hookEnv)).toBe('unchanged');
    await share('public');
    expect(await runScheduled(hookEnv)).toBe('deploy-requested');
    expect(hookCalls).toHaveLength(calls + 1);
  });

  it('tries again at the next run when the hook fails', async () => {
    stubHook(500);
    const hookEnv = { ...env, DEPLOY_HOOK_URL: 'https://hooks.example/deploy' };
    await makeCohort();
    expect(await runScheduled(hookEnv)).toBe('hook-failed');
    vi.restoreAllMocks();
    stubHook(204);
    expect(await runScheduled(hookEnv)).toBe('deploy-requested');
  });

  it('tries again at the next run when the hook cannot be reached', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Network connection lost.'));
    const error = vi.spyOn(console, 'error');
    await makeCohort();
    expect(await runScheduled({ ...env, DEPLOY_HOOK_URL: 'https://hooks.example/deploy' })).toBe('hook-failed');
    expect(error.mock.calls.flat().join('\n')).toMatch(/Network connection lost.*will retry/);
  });

  it('does not move when only private text changes', async () => {
    stubHook();
    const hookEnv = { ...env, DEPLOY_HOOK_URL: 'https://hooks.example/deploy' };
    const { ben } = await makeCohort();
    await env.DB.prepare(`INSERT INTO checkins (idempotency_key, participant_id, cohort_id, week, progress, next_step, committed_action, win, win_consent)
      SELECT 'sched-2', id, cohort_id, 1, 'p', 'n', 'c', 'private win', 'private' FROM participants WHERE id = ?1`).bind(ben.id).run();
    await runScheduled(hookEnv);
    await env.DB.prepare(`UPDATE checkins SET challenge = 'a new private challenge', win = 'edited private win' WHERE idempotency_key = 'sched-2'`).run();
    expect(await runScheduled(hookEnv)).toBe('unchanged');
  });
});

describe('retention', () => {
  it('empties free text older than the cohort’s retention period, keeping the rows and their numbers', async () => {
    const { cohortId, ada } = await makeCohort();
    await env.DB.prepare('UPDATE cohorts SET retention_months = 6 WHERE id = ?1').bind(cohortId).run();
    const insert = (key: string, at: string) =>
      env.DB.prepare(`INSERT INTO checkins (idempotency_key, participant_id, cohort_id, week, progress, next_step, committed_action, win, win_consent, energy, submitted_at)
        VALUES (?1, ?2, ?3, 1, 'old progress', 'n', 'c', 'old win', 'cohort', 4, ?4)`).bind(key, ada.id, cohortId, at).run();
    await insert('ret-old', '2026-01-01T10:00:00.000Z');
    await insert('ret-new', '2026-11-01T10:00:00.000Z');
    expect(await applyRetention(env.DB, new Date('2026-11-28T00:00:00Z'))).toBe(1);
    const rows = await env.DB.prepare(`SELECT idempotency_key, progress, win, energy FROM checkins WHERE participant_id = ?1 ORDER BY idempotency_key`).bind(ada.id).all();
    expect(rows.results).toEqual([
      { idempotency_key: 'ret-new', progress: 'old progress', win: 'old win', energy: 4 },
      { idempotency_key: 'ret-old', progress: '', win: '', energy: 4 },
    ]);
    // Running again changes nothing more.
    expect(await applyRetention(env.DB, new Date('2026-11-28T00:00:00Z'))).toBe(0);
  });

  it('leaves cohorts without a retention period alone', async () => {
    const { cohortId, ben } = await makeCohort();
    await env.DB.prepare(`INSERT INTO checkins (idempotency_key, participant_id, cohort_id, week, progress, next_step, committed_action, submitted_at)
      VALUES ('ret-keep', ?1, ?2, 1, 'kept', 'n', 'c', '2020-01-01T00:00:00.000Z')`).bind(ben.id, cohortId).run();
    await applyRetention(env.DB, new Date('2026-11-28T00:00:00Z'));
    expect((await env.DB.prepare(`SELECT progress FROM checkins WHERE idempotency_key = 'ret-keep'`).first())!.progress).toBe('kept');
  });
});
