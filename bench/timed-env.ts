/**
 * The Worker's D1 binding wrapped in timers, for the route bench's attribution arm: time spent
 * awaiting reads and writes apart, and the time anything was awaited (overlapping waits counted
 * once). What is left of a post's time is the Worker's own computation (routing, parsing,
 * validation, HMAC, responses).
 */

export interface Spent {
  d1Read: number;
  d1Write: number;
  /** Time at least one binding call was pending. */
  waiting: number;
}

/** Waits in flight, and since when the current stretch of waiting started. */
const inFlight = new WeakMap<Spent, { count: number; since: number }>();

/** Times one awaited binding call into `spent[part]` and into the union of all waits. */
async function timed<T>(spent: Spent, part: 'd1Read' | 'd1Write', call: () => Promise<T>): Promise<T> {
  const flight = inFlight.get(spent) ?? { count: 0, since: 0 };
  inFlight.set(spent, flight);
  const started = performance.now();
  if (flight.count++ === 0) flight.since = started;
  try {
    return await call();
  } finally {
    const ended = performance.now();
    spent[part] += ended - started;
    if (--flight.count === 0) spent.waiting += ended - flight.since;
  }
}

const RUNS = new Set(['first', 'all', 'run', 'raw']);

function timedStatement(statement: D1PreparedStatement, write: boolean, spent: Spent): D1PreparedStatement {
  return new Proxy(statement, {
    get(target, name) {
      if (name === 'bind') return (...values: unknown[]) => timedStatement(target.bind(...values), write, spent);
      const value = Reflect.get(target, name, target);
      if (typeof value !== 'function') return value;
      if (!RUNS.has(String(name))) return value.bind(target);
      return (...args: unknown[]) => timed(spent, write ? 'd1Write' : 'd1Read', () => value.apply(target, args));
    },
  });
}

export function timedEnv(env: Env, spent: Spent): Env {
  const DB = new Proxy(env.DB, {
    get(target, name) {
      if (name === 'prepare') return (sql: string) => timedStatement(target.prepare(sql), !/^\s*(SELECT|WITH)\b/i.test(sql), spent);
      const value = Reflect.get(target, name, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { ...env, DB };
}
