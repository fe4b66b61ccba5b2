/**
 * An expired booking (an unpaid hold that ran out) no longer counts as the customer's booking of
 * that date: the one-booking-per-email-per-date index leaves out expired ones as it leaves out
 * cancelled ones, so the customer can book the date again. Separate from the payments migration
 * because the `expired` value it names must be committed first.
 */
import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-postgres'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  DROP INDEX IF EXISTS bookings_one_per_email_per_date;
  CREATE UNIQUE INDEX bookings_one_per_email_per_date
    ON bookings (lower(contact_email), event_date) WHERE status NOT IN ('cancelled', 'expired');
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP INDEX IF EXISTS bookings_one_per_email_per_date;
  CREATE UNIQUE INDEX bookings_one_per_email_per_date
    ON bookings (lower(contact_email), event_date) WHERE status <> 'cancelled';
  `)
}
