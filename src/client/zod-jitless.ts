/**
 * Turns zod's JIT off in the browser. zod compiles object parsers with `new Function`, and finds
 * out whether it may by calling it once when the first object schema is built. Our
 * Content-Security-Policy forbids eval, so that probe is reported as a CSP violation on every page
 * (it is caught, but the report goes out). Without the JIT zod parses the same, a little slower;
 * the server keeps its JIT. Imported first by src/instrumentation-client.ts: imports run in order,
 * so this runs before any module that builds a schema.
 */
import { config } from 'zod'

config({ jitless: true })
