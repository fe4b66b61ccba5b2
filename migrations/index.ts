import * as migration_20261125_225851_initial from './20261125_225851_initial';
import * as migration_20261125_231742_booking_core from './20261125_231742_booking_core';
import * as migration_20261126_001547_booking_source_set_by_server from './20261126_001547_booking_source_set_by_server';
import * as migration_20261201_233425_customer_verification from './20261201_233425_customer_verification';
import * as migration_20261201_234434_booking_terms from './20261201_234434_booking_terms';
import * as migration_20261202_053602_payments from './20261202_053602_payments';
import * as migration_20261202_053603_expired_frees_the_date from './20261202_053603_expired_frees_the_date';
import * as migration_20261202_054022_checkout_sessions from './20261202_054022_checkout_sessions';
import * as migration_20261202_082001_messaging from './20261202_082001_messaging';
import * as migration_20261202_113527_chat from './20261202_113527_chat';
import * as migration_20261202_123228_booking_date_locks from './20261202_123228_booking_date_locks';
import * as migration_20261203_064417_dashboard from './20261203_064417_dashboard';
import * as migration_20261203_064725_editor_drafts_pictures from './20261203_064725_editor_drafts_pictures';
import * as migration_20261203_072915_customer_display_name from './20261203_072915_customer_display_name';

export const migrations = [
  {
    up: migration_20261125_225851_initial.up,
    down: migration_20261125_225851_initial.down,
    name: '20261125_225851_initial',
  },
  {
    up: migration_20261125_231742_booking_core.up,
    down: migration_20261125_231742_booking_core.down,
    name: '20261125_231742_booking_core',
  },
  {
    up: migration_20261126_001547_booking_source_set_by_server.up,
    down: migration_20261126_001547_booking_source_set_by_server.down,
    name: '20261126_001547_booking_source_set_by_server',
  },
  {
    up: migration_20261201_233425_customer_verification.up,
    down: migration_20261201_233425_customer_verification.down,
    name: '20261201_233425_customer_verification',
  },
  {
    up: migration_20261201_234434_booking_terms.up,
    down: migration_20261201_234434_booking_terms.down,
    name: '20261201_234434_booking_terms',
  },
  {
    up: migration_20261202_053602_payments.up,
    down: migration_20261202_053602_payments.down,
    name: '20261202_053602_payments',
  },
  {
    up: migration_20261202_053603_expired_frees_the_date.up,
    down: migration_20261202_053603_expired_frees_the_date.down,
    name: '20261202_053603_expired_frees_the_date',
  },
  {
    up: migration_20261202_054022_checkout_sessions.up,
    down: migration_20261202_054022_checkout_sessions.down,
    name: '20261202_054022_checkout_sessions',
  },
  {
    up: migration_20261202_082001_messaging.up,
    down: migration_20261202_082001_messaging.down,
    name: '20261202_082001_messaging',
  },
  {
    up: migration_20261202_113527_chat.up,
    down: migration_20261202_113527_chat.down,
    name: '20261202_113527_chat',
  },
  {
    up: migration_20261202_123228_booking_date_locks.up,
    down: migration_20261202_123228_booking_date_locks.down,
    name: '20261202_123228_booking_date_locks',
  },
  {
    up: migration_20261203_064417_dashboard.up,
    down: migration_20261203_064417_dashboard.down,
    name: '20261203_064417_dashboard'
  },
  {
    up: migration_20261203_064725_editor_drafts_pictures.up,
    down: migration_20261203_064725_editor_drafts_pictures.down,
    name: '20261203_064725_editor_drafts_pictures'
  },
  {
    up: migration_20261203_072915_customer_display_name.up,
    down: migration_20261203_072915_customer_display_name.down,
    name: '20261203_072915_customer_display_name'
  },
];
