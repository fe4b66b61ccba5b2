/**
 * Runs in the browser before any of the app's own modules (Next's instrumentation-client file,
 * storefront and admin alike). It turns zod's JIT off there: zod compiles object parsers with
 * `new Function`, and finds out whether it may by calling it once when the first object schema is
 * built. Our Content-Security-Policy forbids eval, so that probe is reported as a CSP violation on
 * every page (it is caught, but the report goes out). Without the JIT zod parses the same, a little
 * slower; the server keeps its JIT. Keep this first in the file: a schema built before it probes.
 */
import { config } from 'zod'

config({ jitless: true })
