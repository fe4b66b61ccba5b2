// Booking terms: the earliest start a booking has had, from which cancellation refunds are counted.
// Existing bookings keep NULL: the code counts from their current start (the same thing until a reschedule).
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "bookings" ADD COLUMN "refund_basis_starts_at" timestamp(3) with time zone;
  ALTER TABLE "_bookings_v" ADD COLUMN "version_refund_basis_starts_at" timestamp(3) with time zone;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "bookings" DROP COLUMN "refund_basis_starts_at";
  ALTER TABLE "_bookings_v" DROP COLUMN "version_refund_basis_starts_at";`)
}
