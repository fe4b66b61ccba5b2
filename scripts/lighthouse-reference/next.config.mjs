// The Lighthouse reference app (see app/layout.tsx): Next's defaults, built from this folder with
// the project's own node_modules (Turbopack's root is the repository).
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import inlineCss from '../inline-css-loader.cjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

// With the repository as Turbopack's root, Next also builds the project's src/proxy.ts and
// src/instrumentation.ts into this app; the proxy imports the storefront's inlined stylesheets,
// so the loader rule of the project's next.config.mjs is needed here too.
/** @type {import('next').NextConfig} */
const nextConfig = { poweredByHeader: false, turbopack: { root, rules: inlineCss.turbopackRules }, outputFileTracingRoot: root }

export default nextConfig
