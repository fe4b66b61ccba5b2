import type { FieldAccess } from 'payload'

/** A field nobody may set through the API: the server sets it in hooks (which run after access). */
export const serverOnly: FieldAccess = () => false
