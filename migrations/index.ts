import * as migration_20261125_225851_initial from './20261125_225851_initial';

export const migrations = [
  {
    up: migration_20261125_225851_initial.up,
    down: migration_20261125_225851_initial.down,
    name: '20261125_225851_initial'
  },
];
