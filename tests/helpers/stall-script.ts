/**
 * A script whose first run stalls (an await that never settles), for tests of runScript and
 * loadWithin. STALL_LIVE_LOOP=1: the stall is in a load while a timer keeps the event loop alive
 * (Node never notices; loadWithin's own time limit, STALL_LOAD_MS, must). On the rerun,
 * STALL_WAIT_FOR_SIGTERM=1 waits for SIGTERM and reports it (the first process forwards it).
 */
import { loadWithin, runScript } from '../../src/server/startup'

const firstRun = process.env.MYHIBACHI_SCRIPT_RERUN !== '1'
const stalls = firstRun || process.env.STALL_ALWAYS === '1'
const never = () => new Promise<never>(() => undefined)

runScript(
  'stall',
  async () => {
    if (process.env.STALL_LIVE_LOOP === '1') {
      const alive = setInterval(() => undefined, 1_000)
      await loadWithin('stall', 'loading the test modules', async () => (stalls ? never() : 'loaded'), { rerun: process.env.STALL_NO_RERUN !== '1', ms: Number(process.env.STALL_LOAD_MS ?? 500) })
      clearInterval(alive)
    } else if (stalls) {
      await never()
    }
    if (process.env.STALL_WAIT_FOR_SIGTERM === '1') {
      process.stdout.write('waiting for SIGTERM\n')
      // A signal listener keeps nothing alive; a server's listener would.
      const alive = setInterval(() => undefined, 1_000)
      await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()))
      clearInterval(alive)
      process.stdout.write('the rerun got SIGTERM\n')
    }
    process.stdout.write('worked on the rerun\n')
  },
  { rerunOnStall: process.env.STALL_NO_RERUN !== '1' },
)
