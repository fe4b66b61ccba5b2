// The Lighthouse reference app (see app/layout.tsx): Next's defaults, built from this folder with
// the project's own node_modules (Turbopack's root is the repository).
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** @type {import('next').NextConfig} */
const nextConfig = { poweredByHeader: false, turbopack: { root }, outputFileTracingRoot: root }

export default nextConfig
