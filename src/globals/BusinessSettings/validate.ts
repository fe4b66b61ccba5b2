import type { GlobalBeforeChangeHook } from 'payload'

import { toPayloadError } from '../../http/errors'
import { settingsFromDoc } from './fromDoc'

/** Refuses settings the rules could not work with (bad time zone, overlapping zones, …), naming the field. */
export const validateSettingsDoc: GlobalBeforeChangeHook = ({ data }) => {
  try {
    settingsFromDoc(data)
  } catch (err) {
    throw toPayloadError(err)
  }
  return data
}
