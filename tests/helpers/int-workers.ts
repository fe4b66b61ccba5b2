/** Names of the per-worker copies of the integration run's database (see int-worker-db.ts). */

/** How many integration files run at once (`INT_WORKERS`, default 2). */
export function intWorkers(): number {
  const n = Number(process.env.INT_WORKERS ?? '2')
  return Number.isInteger(n) && n >= 1 && n <= 8 ? n : 2
}

/** The database name of worker `worker` (1-based) for the run database `runDb`. */
export function workerDatabaseName(runDb: string, worker: number): string {
  return `${runDb}_w${String(worker)}`
}

/** `uri` with its database replaced by worker `worker`'s copy. */
export function workerDatabaseUri(uri: string, worker: number): string {
  const url = new URL(uri)
  url.pathname = `/${workerDatabaseName(decodeURIComponent(url.pathname.slice(1)), worker)}`
  return url.toString()
}

/** The Redis key prefix of worker `worker`: the run's own prefix plus `w<worker>:`. */
export function workerRedisPrefix(runPrefix: string, worker: number): string {
  return `${runPrefix.slice(0, 34)}w${String(worker)}:`
}
