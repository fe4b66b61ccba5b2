/**
 * After each integration test file: close what the file opened (Payload's pool, Redis), through
 * the same shutdown registry the server uses, so the test process can exit.
 */
import { afterAll } from 'vitest'

import { registry } from '../../src/server/process-registry'

afterAll(async () => {
  for (const closer of [...registry().closers.values()].reverse()) await closer.close()
  registry().closers.clear()
})
