/** A script whose first run stalls (an await that never settles), for tests of runScript. */
import { runScript } from '../../src/server/startup'

runScript(
  'stall',
  async () => {
    if (process.env.MYHIBACHI_SCRIPT_RERUN !== '1' || process.env.STALL_ALWAYS === '1') await new Promise(() => undefined)
    process.stdout.write('worked on the rerun\n')
  },
  { rerunOnStall: process.env.STALL_NO_RERUN !== '1' },
)
