/**
 * Refuses settings the rules could not work with (bad time zone, overlapping zones, …), naming
 * the field, before they are saved. Must never save settings that `settingsFromDoc` rejects:
 * every booking, quote and availability read would fail on them.
 */
import type { GlobalBeforeChangeHook } from 'payload'

import { toPayloadError } from '../../../http/errors'
import { settingsFromDoc } from '../fromDoc'

export const validateSettingsDoc: GlobalBeforeChangeHook = ({ data }) => {
  try {
    settingsFromDoc(data)
  } catch (err) {
    throw toPayloadError(err)
  }
  return data
}
