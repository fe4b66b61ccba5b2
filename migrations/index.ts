import * as migration_20261125_225851_initial from './20261125_225851_initial';
import * as migration_20261125_231742_booking_core from './20261125_231742_booking_core';

export const migrations = [
  {
    up: migration_20261125_225851_initial.up,
    down: migration_20261125_225851_initial.down,
    name: '20261125_225851_initial',
  },
  {
    up: migration_20261125_231742_booking_core.up,
    down: migration_20261125_231742_booking_core.down,
    name: '20261125_231742_booking_core'
  },
];
