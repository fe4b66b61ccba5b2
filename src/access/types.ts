/**
 * The access every collection and global must state. Payload lets ANY signed-in user do an
 * operation that has no rule (readVersions and unlock are the easy ones to forget), so the
 * collection list in src/collections/index.ts is typed with these, and a missing operation is a
 * type error. Payload 3.90 has no separate `readDrafts`: `?draft=true` reads go through `read`,
 * so the `read` of a collection with drafts must limit the public to published documents.
 */
import type { CollectionConfig, GlobalConfig } from 'payload'

type Ops = NonNullable<CollectionConfig['access']>

/** Every operation of a collection without auth. */
export type CollectionAccess = Required<Pick<Ops, 'create' | 'read' | 'update' | 'delete' | 'readVersions'>>

/** An auth collection also says who may unlock a locked-out account and who may use the admin panel. */
export type AuthCollectionAccess = CollectionAccess & Required<Pick<Ops, 'unlock' | 'admin'>>

/** Every operation of a global. */
export type GlobalAccess = Required<NonNullable<GlobalConfig['access']>>

/** A collection without auth whose access is complete. `auth` is refused: an auth collection has more to state. */
export type AppCollection = CollectionConfig & { auth?: false; access: CollectionAccess }

/** An auth collection whose access is complete. */
export type AppAuthCollection = CollectionConfig & { auth: NonNullable<CollectionConfig['auth']>; access: AuthCollectionAccess }

/** A global whose access is complete. */
export type AppGlobal = GlobalConfig & { access: GlobalAccess }
