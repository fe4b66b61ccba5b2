import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * Booking writes no longer wait for every other booking write in the business.
 *
 * Before: the capacity and chef-overlap triggers took ONE advisory lock (727274002) for every
 * booking write, and fired on every UPDATE (a phone-number edit included).
 * Now:
 * - each write locks only the business-local dates its blocked range touches (the event's date,
 *   plus the next one when a late, long event spills past midnight), in date order (no deadlock):
 *   two bookings whose blocked ranges overlap share at least one such date, so they still
 *   serialize, and bookings on other dates proceed in parallel;
 * - the business's time zone (which decides the dates) and chef count (the capacity) are read
 *   under a SHARED lock on the old key; changing either takes that key EXCLUSIVELY (a trigger on
 *   business_settings), so a settings change waits for the writes in flight and no two writers in
 *   flight can have seen different time zones;
 * - the capacity trigger fires on INSERT and on UPDATE OF the columns it reads;
 * - an active booking (pending, confirmed) must have its blocked range: a NULL range would have
 *   skipped the capacity check.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE OR REPLACE FUNCTION myhibachi_lock_booking_dates(range_from timestamptz, range_until timestamptz) RETURNS void LANGUAGE plpgsql AS $$
  DECLARE
    tz text;
    d date;
    last_date date;
  BEGIN
    -- Shared: many booking writers at once; a time-zone or chef-count change waits for them all.
    PERFORM pg_advisory_xact_lock_shared(727274002);
    SELECT COALESCE((SELECT timezone FROM business_settings ORDER BY id LIMIT 1), 'UTC') INTO tz;
    d := (range_from AT TIME ZONE tz)::date;
    last_date := ((range_until - interval '1 millisecond') AT TIME ZONE tz)::date;
    WHILE d <= last_date LOOP
      PERFORM pg_advisory_xact_lock(727274003, d - DATE '2000-01-01');
      d := d + 1;
    END LOOP;
  END
  $$;

  CREATE OR REPLACE FUNCTION myhibachi_enforce_booking_capacity() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    cap numeric;
    used numeric;
  BEGIN
    IF NEW.status NOT IN ('pending', 'confirmed') THEN
      RETURN NEW;
    END IF;
    -- The writers of overlapping ranges wait here for each other (READ COMMITTED, volatile
    -- function: after the wait, the first one's row is visible).
    PERFORM myhibachi_lock_booking_dates(NEW.blocked_from, NEW.blocked_until);
    SELECT COALESCE((SELECT chef_count FROM business_settings ORDER BY id LIMIT 1), 2) INTO cap;
    WITH o AS (
      SELECT b.blocked_from, b.blocked_until, COALESCE(b.chef_units, 1) AS units
      FROM bookings b
      WHERE b.id <> NEW.id AND b.status IN ('pending', 'confirmed')
        AND b.blocked_from < NEW.blocked_until AND b.blocked_until > NEW.blocked_from
    ), points AS (
      SELECT GREATEST(o.blocked_from, NEW.blocked_from) AS t FROM o
      UNION SELECT NEW.blocked_from
    )
    SELECT COALESCE(MAX((SELECT COALESCE(SUM(o.units), 0) FROM o WHERE o.blocked_from <= points.t AND o.blocked_until > points.t)), 0)
      INTO used FROM points;
    IF used + COALESCE(NEW.chef_units, 1) > cap THEN
      RAISE EXCEPTION 'slot_full: % of % chef units already booked between % and %', used, cap, NEW.blocked_from, NEW.blocked_until
        USING ERRCODE = 'MH409';
    END IF;
    IF EXISTS (
      SELECT 1 FROM bookings_rels mine
      JOIN bookings_rels theirs ON theirs.users_id = mine.users_id AND theirs.path = 'assignedChefs' AND theirs.parent_id <> NEW.id
      JOIN bookings other ON other.id = theirs.parent_id
      WHERE mine.parent_id = NEW.id AND mine.path = 'assignedChefs'
        AND other.status IN ('pending', 'confirmed')
        AND other.blocked_from < NEW.blocked_until AND other.blocked_until > NEW.blocked_from
    ) THEN
      RAISE EXCEPTION 'chef_unavailable: an assigned chef has an overlapping booking' USING ERRCODE = 'MH410';
    END IF;
    RETURN NEW;
  END
  $$;

  DROP TRIGGER IF EXISTS bookings_enforce_capacity ON bookings;
  CREATE TRIGGER bookings_enforce_capacity
    BEFORE INSERT OR UPDATE OF status, blocked_from, blocked_until, chef_units ON bookings
    FOR EACH ROW EXECUTE FUNCTION myhibachi_enforce_booking_capacity();

  CREATE OR REPLACE FUNCTION myhibachi_enforce_chef_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    target bookings%ROWTYPE;
  BEGIN
    IF NEW.path <> 'assignedChefs' OR NEW.users_id IS NULL THEN
      RETURN NEW;
    END IF;
    SELECT * INTO target FROM bookings WHERE id = NEW.parent_id;
    IF target.status NOT IN ('pending', 'confirmed') THEN
      RETURN NEW;
    END IF;
    -- Two assignments of one chef to overlapping bookings touch a common date: they serialize here.
    PERFORM myhibachi_lock_booking_dates(target.blocked_from, target.blocked_until);
    IF EXISTS (
      SELECT 1 FROM bookings_rels r
      JOIN bookings other ON other.id = r.parent_id
      WHERE r.path = 'assignedChefs' AND r.users_id = NEW.users_id AND r.parent_id <> NEW.parent_id
        AND other.status IN ('pending', 'confirmed')
        AND other.blocked_from < target.blocked_until AND other.blocked_until > target.blocked_from
    ) THEN
      RAISE EXCEPTION 'chef_unavailable: chef % already has an overlapping booking', NEW.users_id USING ERRCODE = 'MH410';
    END IF;
    RETURN NEW;
  END
  $$;

  CREATE OR REPLACE FUNCTION myhibachi_settings_wait_for_booking_writes() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    -- Exclusive: waits for every booking write in flight (they hold the key shared), and new ones
    -- wait for this change to commit, so all of them see one time zone and one chef count.
    PERFORM pg_advisory_xact_lock(727274002);
    RETURN NEW;
  END
  $$;

  CREATE TRIGGER business_settings_capacity_change
    BEFORE UPDATE OF timezone, chef_count ON business_settings
    FOR EACH ROW
    WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone OR OLD.chef_count IS DISTINCT FROM NEW.chef_count)
    EXECUTE FUNCTION myhibachi_settings_wait_for_booking_writes();

  ALTER TABLE bookings ADD CONSTRAINT bookings_active_has_range
    CHECK (status NOT IN ('pending', 'confirmed') OR (blocked_from IS NOT NULL AND blocked_until IS NOT NULL));
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE bookings DROP CONSTRAINT IF EXISTS bookings_active_has_range;
  DROP TRIGGER IF EXISTS business_settings_capacity_change ON business_settings;
  DROP FUNCTION IF EXISTS myhibachi_settings_wait_for_booking_writes();

  CREATE OR REPLACE FUNCTION myhibachi_enforce_booking_capacity() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    cap numeric;
    used numeric;
  BEGIN
    IF NEW.status NOT IN ('pending', 'confirmed') OR NEW.blocked_from IS NULL OR NEW.blocked_until IS NULL THEN
      RETURN NEW;
    END IF;
    PERFORM pg_advisory_xact_lock(727274002);
    SELECT COALESCE((SELECT chef_count FROM business_settings ORDER BY id LIMIT 1), 2) INTO cap;
    WITH o AS (
      SELECT b.blocked_from, b.blocked_until, COALESCE(b.chef_units, 1) AS units
      FROM bookings b
      WHERE b.id <> NEW.id AND b.status IN ('pending', 'confirmed')
        AND b.blocked_from < NEW.blocked_until AND b.blocked_until > NEW.blocked_from
    ), points AS (
      SELECT GREATEST(o.blocked_from, NEW.blocked_from) AS t FROM o
      UNION SELECT NEW.blocked_from
    )
    SELECT COALESCE(MAX((SELECT COALESCE(SUM(o.units), 0) FROM o WHERE o.blocked_from <= points.t AND o.blocked_until > points.t)), 0)
      INTO used FROM points;
    IF used + COALESCE(NEW.chef_units, 1) > cap THEN
      RAISE EXCEPTION 'slot_full: % of % chef units already booked between % and %', used, cap, NEW.blocked_from, NEW.blocked_until
        USING ERRCODE = 'MH409';
    END IF;
    IF EXISTS (
      SELECT 1 FROM bookings_rels mine
      JOIN bookings_rels theirs ON theirs.users_id = mine.users_id AND theirs.path = 'assignedChefs' AND theirs.parent_id <> NEW.id
      JOIN bookings other ON other.id = theirs.parent_id
      WHERE mine.parent_id = NEW.id AND mine.path = 'assignedChefs'
        AND other.status IN ('pending', 'confirmed')
        AND other.blocked_from < NEW.blocked_until AND other.blocked_until > NEW.blocked_from
    ) THEN
      RAISE EXCEPTION 'chef_unavailable: an assigned chef has an overlapping booking' USING ERRCODE = 'MH410';
    END IF;
    RETURN NEW;
  END
  $$;
  DROP TRIGGER IF EXISTS bookings_enforce_capacity ON bookings;
  CREATE TRIGGER bookings_enforce_capacity
    BEFORE INSERT OR UPDATE ON bookings
    FOR EACH ROW EXECUTE FUNCTION myhibachi_enforce_booking_capacity();

  CREATE OR REPLACE FUNCTION myhibachi_enforce_chef_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    target bookings%ROWTYPE;
  BEGIN
    IF NEW.path <> 'assignedChefs' OR NEW.users_id IS NULL THEN
      RETURN NEW;
    END IF;
    PERFORM pg_advisory_xact_lock(727274002);
    SELECT * INTO target FROM bookings WHERE id = NEW.parent_id;
    IF target.status NOT IN ('pending', 'confirmed') OR target.blocked_from IS NULL THEN
      RETURN NEW;
    END IF;
    IF EXISTS (
      SELECT 1 FROM bookings_rels r
      JOIN bookings other ON other.id = r.parent_id
      WHERE r.path = 'assignedChefs' AND r.users_id = NEW.users_id AND r.parent_id <> NEW.parent_id
        AND other.status IN ('pending', 'confirmed')
        AND other.blocked_from < target.blocked_until AND other.blocked_until > target.blocked_from
    ) THEN
      RAISE EXCEPTION 'chef_unavailable: chef % already has an overlapping booking', NEW.users_id USING ERRCODE = 'MH410';
    END IF;
    RETURN NEW;
  END
  $$;
  DROP FUNCTION IF EXISTS myhibachi_lock_booking_dates(timestamptz, timestamptz);
  `)
}
