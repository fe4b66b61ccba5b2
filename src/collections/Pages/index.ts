/**
 * Site content pages (home, menu, FAQ, policies) with Lexical rich text and drafts. The public
 * reads published pages only. SEO fields are a `meta` group (see README: plugin-seo's latest
 * release pins payload 3.90.1 exactly, so it cannot be installed beside 3.90.2). A change purges
 * the cached page (hooks/purgePages.ts). Editors preview drafts live (src/site/preview.ts) and may
 * schedule a publish (a job the runner runs). Must never show a draft to the public.
 */

import type { AppCollection } from '../../access/types'
import { guardWriteBody } from '../../hooks/guardWriteBody'
import { pagesAccess } from './access'
import { purgePageAfterChange, purgePageAfterDelete } from './hooks/purgePages'
import { livePreviewOf, pathOfPageSlug } from '../../site/livePreview'

export const Pages: AppCollection = {
  slug: 'pages',
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'slug', '_status', 'updatedAt'],
    group: 'Content',
    livePreview: livePreviewOf((data) => pathOfPageSlug(data.slug)),
  },
  access: pagesAccess,
  // Scheduled publish queues Payload's `schedulePublish` task, which the jobs runner runs (src/jobs/runner.ts).
  versions: { drafts: { schedulePublish: true }, maxPerDoc: 50 },
  hooks: { beforeOperation: [guardWriteBody], afterChange: [purgePageAfterChange], afterDelete: [purgePageAfterDelete] },
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 120 },
    {
      name: 'slug',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      validate: (v: unknown) => (typeof v === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(v) ? true : 'Lower-case letters, digits and dashes'),
    },
    // The picture at the top of the page (the home page's hero); a Media upload.
    { name: 'heroImage', type: 'upload', relationTo: 'media' },
    { name: 'content', type: 'richText' },
    {
      name: 'meta',
      type: 'group',
      label: 'SEO',
      fields: [
        { name: 'title', type: 'text', maxLength: 70 },
        { name: 'description', type: 'textarea', maxLength: 160 },
        { name: 'image', type: 'upload', relationTo: 'media' },
      ],
    },
  ],
}
