/**
 * Which document touches which storefront cache tags (src/domain/storefront-cache.ts): what a
 * render carries for what it read, and what a change invalidates. A page is rendered again
 * exactly when one of its tags is invalidated, so a missing tag is a stale page and an extra one
 * a wasted render.
 */
import { describe, expect, it } from 'vitest'

import {
  MENU_TAG,
  SETTINGS_TAG,
  mediaTag,
  pageTag,
  tagsOfMediaChange,
  tagsOfMenuItemChange,
  tagsOfMenuRead,
  tagsOfPageChange,
  tagsOfPageLookup,
  tagsOfPageRead,
  uploadIdsInRichText,
} from '../../src/domain/storefront-cache'

const richText = (...children: unknown[]) => ({ root: { type: 'root', children } })

describe('tags a render carries for what it read', () => {
  it('a page: its slug, its share image and every upload in its text, populated or not', () => {
    const page = {
      slug: 'home',
      _status: 'published' as const,
      meta: { image: { id: 7 } },
      content: richText({ type: 'paragraph', children: [{ type: 'upload', value: { id: 9 } }] }, { type: 'upload', value: 11 }),
    }
    expect(tagsOfPageRead(page)).toEqual(['page:home', 'media:7', 'media:9', 'media:11'])
  })

  it('a page asked for by slug carries the slug even when none is published, so publishing one shows it', () => {
    expect(tagsOfPageLookup('faq', null)).toEqual(['page:faq'])
    expect(tagsOfPageLookup('faq', { slug: 'faq', meta: { image: 3 } })).toEqual(['page:faq', 'media:3'])
  })

  it('the menu: the menu tag and the image of each item that has one', () => {
    expect(tagsOfMenuRead([{ image: 4 }, { image: null }, { image: { id: 4 } }, { image: { id: 5 } }])).toEqual([MENU_TAG, 'media:4', 'media:5'])
  })

  it('finds uploads nested at any depth of rich text and ignores other nodes', () => {
    const nested = richText({ type: 'list', children: [{ type: 'listitem', children: [{ type: 'upload', value: { id: 'abc' } }] }] }, { type: 'link', value: 12 })
    expect(uploadIdsInRichText(nested)).toEqual(['abc'])
    expect(uploadIdsInRichText(null)).toEqual([])
  })
})

describe('tags a change invalidates', () => {
  it('the settings touch every page', () => {
    expect(SETTINGS_TAG).toBe('settings')
  })

  it('a menu item touches the menu when it is or was active, and nothing when it never was', () => {
    expect(tagsOfMenuItemChange({ active: true }, { active: true })).toEqual([MENU_TAG])
    expect(tagsOfMenuItemChange({ active: false }, { active: true })).toEqual([MENU_TAG])
    expect(tagsOfMenuItemChange({ active: true })).toEqual([MENU_TAG])
    expect(tagsOfMenuItemChange({ active: false }, { active: false })).toEqual([])
  })

  it('a draft menu item that was never published touches nothing; publishing it (by hand or on schedule) touches the menu', () => {
    expect(tagsOfMenuItemChange({ active: true, _status: 'draft' })).toEqual([])
    expect(tagsOfMenuItemChange({ active: true, _status: 'draft' }, { active: true, _status: 'draft' })).toEqual([])
    expect(tagsOfMenuItemChange({ active: true, _status: 'published' }, { active: true, _status: 'draft' })).toEqual([MENU_TAG])
    // Unpublished (a scheduled unpublish): the item leaves the public menu.
    expect(tagsOfMenuItemChange({ active: true, _status: 'draft' }, { active: true, _status: 'published' })).toEqual([MENU_TAG])
  })

  it('a page read carries the tag of its hero image as well as its share image', () => {
    expect(tagsOfPageRead({ slug: 'home', heroImage: 4, meta: { image: { id: 5 } } })).toEqual(['page:home', 'media:5', 'media:4'])
  })

  it('a page touches the slugs of its published versions: both after a rename, none for a draft of a draft', () => {
    expect(tagsOfPageChange({ slug: 'faq', _status: 'published' }, { slug: 'faq', _status: 'published' })).toEqual([pageTag('faq')])
    expect(tagsOfPageChange({ slug: 'questions', _status: 'published' }, { slug: 'faq', _status: 'published' })).toEqual(['page:questions', 'page:faq'])
    // Unpublished: the public page goes away.
    expect(tagsOfPageChange({ slug: 'faq', _status: 'draft' }, { slug: 'faq', _status: 'published' })).toEqual(['page:faq'])
    expect(tagsOfPageChange({ slug: 'faq', _status: 'draft' }, { slug: 'faq', _status: 'draft' })).toEqual([])
    // Deleted (no previous version is passed for a delete).
    expect(tagsOfPageChange({ slug: 'faq', _status: 'published' })).toEqual(['page:faq'])
  })

  it('an upload touches the renders that embed it, by id', () => {
    expect(tagsOfMediaChange({ id: 7 })).toEqual([mediaTag(7)])
    expect(tagsOfMediaChange(undefined)).toEqual([])
  })

  it('uses the same names on both sides', () => {
    const page = { slug: 'menu', _status: 'published' as const, meta: { image: 2 } }
    const read = tagsOfPageRead(page)
    expect(read).toEqual(expect.arrayContaining([...tagsOfPageChange(page), ...tagsOfMediaChange({ id: 2 })]))
    expect(tagsOfMenuRead([])).toEqual(expect.arrayContaining(tagsOfMenuItemChange({ active: true })))
  })
})
