/** Every global of the app. Typed so that a global that does not state every access operation does not compile. */
import type { AppGlobal } from '../access/types'
import { BusinessSettings } from './BusinessSettings'

export const globals: AppGlobal[] = [BusinessSettings]
