import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker from '../../worker/index.ts';
import { getPublishState } from '../../worker/db/publish.ts';
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

    // A consented win changes what is published.
    await env.DB.prepare(`INSERT INTO checkins (idempotency_key, participant_id, cohort_id, week, progress, next_step, committed_action, win, win_consent)
      SELECT 'sched-1', id, cohort_id, 1, 'p', 'n', 'c', 'A shared win', 'cohort' FROM participants WHERE id = ?1`).bind(ada.id).run();
    expect(await runScheduled(hookEnv)).toBe('deploy-requested');
    expect(hookCalls).toHaveLength(2);
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
