// Next's server cache handler (next.config.mjs `cacheHandler`): rendered storefront pages and
// `unstable_cache` entries. Plain JavaScript because `next build` loads it too. It only forwards
// to the PageCacheHandler that src/server.ts registers on globalThis before Next starts
// (src/infra/page-cache/: Redis-backed when REDIS_URL is set, in memory otherwise). Without one
// (the build, whose pages are rendered without content; a server not started by src/server.ts)
// it stores nothing and finds nothing, so every page is rendered when asked.
const HANDLER_KEY = Symbol.for('myhibachi.pageCacheHandler')

const none = {
  get: async () => null,
  set: async () => undefined,
  revalidateTag: async () => undefined,
}

export default class CacheHandler {
  constructor() {
    this.target = globalThis[HANDLER_KEY] ?? none
  }

  get(key, ctx) {
    return this.target.get(key, ctx)
  }

  set(key, data, ctx) {
    return this.target.set(key, data, ctx)
  }

  revalidateTag(tags, durations) {
    return this.target.revalidateTag(tags, durations)
  }

  resetRequestCache() {}
}
