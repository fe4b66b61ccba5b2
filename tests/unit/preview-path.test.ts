import { describe, expect, it } from 'vitest'

import { isPreviewPath } from '../../src/domain/preview-path'

describe('the paths a live preview may open', () => {
  it('opens the storefront pages an editor edits', () => {
    for (const path of ['/', '/menu', '/faq', '/policies', '/a/b-c']) expect(isPreviewPath(path)).toBe(true)
  })

  it('never leaves the site or carries anything but a path', () => {
    for (const path of ['', 'menu', '//evil.example', 'https://evil.example/', '/\\evil.example', '/menu?x=1', '/menu#a', '/../admin', '/Menu', '/menu/', `/${'a'.repeat(200)}`, null, 42]) {
      expect(isPreviewPath(path)).toBe(false)
    }
  })
})
