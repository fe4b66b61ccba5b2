/**
 * Turbopack loader for `import css from './x.inline-css'` (CSS under a name Next does not claim):
 * the stylesheet minified by lightningcss for the same browsers Next builds its own CSS for,
 * exported as a string. `turbopackRules` is the rule that applies it, for a next.config's
 * `turbopack.rules` (the project's and scripts/lighthouse-reference's). The storefront renders these strings in <style> elements (src/site/inline-styles.ts)
 * so its first paint waits for no stylesheet request; the Content-Security-Policy allows exactly
 * these strings by their hashes (src/proxy.ts).
 */
const { transform } = require('lightningcss')

// Next's default browser targets (chrome 111, edge 111, firefox 111, safari 16.4), in lightningcss's encoding.
const version = (major, minor = 0) => (major << 16) | (minor << 8)
const TARGETS = { chrome: version(111), edge: version(111), firefox: version(111), safari: version(16, 4) }

/** @this {{ resourcePath: string }} */
module.exports = function inlineCssLoader(source) {
  const { code } = transform({ filename: this.resourcePath, code: Buffer.from(source), minify: true, targets: TARGETS })
  return `export default ${JSON.stringify(code.toString('utf8'))}\n`
}

module.exports.turbopackRules = { '*.inline-css': { loaders: [__filename], as: '*.js' } }
