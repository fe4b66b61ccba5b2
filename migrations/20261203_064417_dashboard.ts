import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * The back office's dashboard and booking history:
 * - `bookings.changed_by_id` (and its copy in every version): the staff member who saved a change,
 *   so the booking's Activity panel says who changed what (src/collections/Bookings/activity.ts);
 * - `quote_counts`: storefront quotes asked per business day, a count and nothing else (no PII),
 *   incremented by POST /api/quote with one upsert (src/collections/Bookings/quoteCounts.ts). Kept
 *   in Postgres so it survives restarts and is shared by every instance. Not a Payload collection:
 *   Payload's schema snapshots do not know it, so later `migrate:create` runs leave it alone.
 */

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "bookings" ADD COLUMN "changed_by_id" integer;
  ALTER TABLE "_bookings_v" ADD COLUMN "version_changed_by_id" integer;
  ALTER TABLE "bookings" ADD CONSTRAINT "bookings_changed_by_id_users_id_fk" FOREIGN KEY ("changed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_bookings_v" ADD CONSTRAINT "_bookings_v_version_changed_by_id_users_id_fk" FOREIGN KEY ("version_changed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "bookings_changed_by_idx" ON "bookings" USING btree ("changed_by_id");
  CREATE INDEX "_bookings_v_version_version_changed_by_idx" ON "_bookings_v" USING btree ("version_changed_by_id");
  CREATE TABLE "quote_counts" (
    "day" date PRIMARY KEY NOT NULL,
    "count" integer NOT NULL DEFAULT 0 CHECK ("count" >= 0)
  );`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "bookings" DROP CONSTRAINT "bookings_changed_by_id_users_id_fk";
  
  ALTER TABLE "_bookings_v" DROP CONSTRAINT "_bookings_v_version_changed_by_id_users_id_fk";
  
  DROP INDEX "bookings_changed_by_idx";
  DROP INDEX "_bookings_v_version_version_changed_by_idx";
  ALTER TABLE "bookings" DROP COLUMN "changed_by_id";
  ALTER TABLE "_bookings_v" DROP COLUMN "version_changed_by_id";
  DROP TABLE "quote_counts";`)
}
