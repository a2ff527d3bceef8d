/**
 * The Worker's bindings wrapped in timers, for the route bench's attribution arm: time spent
 * awaiting D1 (reads and writes apart) and the rate limiter. What is left of a post's time is the
 * Worker's own computation (routing, parsing, validation, HMAC, responses).
 */

export interface Spent {
  d1Read: number;
  d1Write: number;
  limiter: number;
}

const RUNS = new Set(['first', 'all', 'run', 'raw']);

function timedStatement(statement: D1PreparedStatement, write: boolean, spent: Spent): D1PreparedStatement {
  return new Proxy(statement, {
    get(target, name) {
      if (name === 'bind') return (...values: unknown[]) => timedStatement(target.bind(...values), write, spent);
      const value = Reflect.get(target, name, target);
      if (typeof value !== 'function') return value;
      if (!RUNS.has(String(name))) return value.bind(target);
      return async (...args: unknown[]) => {
        const started = performance.now();
        try {
          return await value.apply(target, args);
        } finally {
          spent[write ? 'd1Write' : 'd1Read'] += performance.now() - started;
        }
      };
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
  const POST_LIMITER = {
    async limit(options: { key: string }) {
      const started = performance.now();
      try {
        return await env.POST_LIMITER.limit(options);
      } finally {
        spent.limiter += performance.now() - started;
      }
    },
  } as RateLimit;
  return { ...env, DB, POST_LIMITER };
}
