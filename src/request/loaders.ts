import DataLoader from 'dataloader';
import type { RequestContext } from './context';

/**
 * Per-request DataLoaders owned by their module: a module declares `const thingById =
 * defineLoader((ctx) => byKey(...))` next to its service, and resolvers call `thingById(ctx)`.
 * The kernel only keeps the per-request cache, so it never imports a feature.
 */
export function defineLoader<K, V>(create: (ctx: RequestContext) => DataLoader<K, V>): (ctx: RequestContext) => DataLoader<K, V> {
  const key = Symbol('loader');
  return (ctx) => {
    let loader = ctx.loaders.get(key) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = create(ctx);
      ctx.loaders.set(key, loader);
    }
    return loader;
  };
}

export function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/** One row per key, in key order; missing keys give null. */
export const byKey = <T>(load: (keys: readonly string[]) => Promise<T[]>, key: (row: T) => string) =>
  new DataLoader<string, T | null>(async (keys) => {
    const rows = new Map((await load(keys)).map((row) => [key(row), row]));
    return keys.map((k) => rows.get(k) ?? null);
  });

/** Many rows per key, in key order. */
export const grouped = <T>(load: (keys: readonly string[]) => Promise<T[]>, key: (row: T) => string) =>
  new DataLoader<string, T[]>(async (keys) => {
    const groups = groupBy(await load(keys), key);
    return keys.map((k) => groups.get(k) ?? []);
  });
