/**
 * Before the integration tests: the throw-away database (DATABASE_URI, made by
 * scripts/with-db.ts --throwaway) gets every migration, through the same script production uses.
 */
import { spawnSync } from 'node:child_process'

export default function setup(): void {
  const uri = process.env.DATABASE_URI
  if (!uri) throw new Error('DATABASE_URI is unset: run the integration tests with `npm run test:int`')
  if (!/myhibachi_test_|_ci_|test/.test(new URL(uri).pathname)) {
    throw new Error('DATABASE_URI does not look like a throw-away test database; refusing to run tests against it')
  }
  const result = spawnSync('npx', ['tsx', 'scripts/migrate.ts'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } })
  if (result.status !== 0) throw new Error(`migrations failed (exit ${String(result.status)})`)
}
