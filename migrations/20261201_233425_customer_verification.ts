// Customer accounts must prove their email before signing in (auth.verify on customers).
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  // Every existing account is unverified: none ever proved its email (booking-made ones have no
  // password; signed-up ones were never asked). They get in by forgot-password, whose link
  // proves the address. NULL would let Payload's login through but its JWT check refuse.
  await db.execute(sql`
   ALTER TABLE "customers" ADD COLUMN "_verified" boolean;
  ALTER TABLE "customers" ADD COLUMN "_verificationtoken" varchar;
  UPDATE "customers" SET "_verified" = false WHERE "_verified" IS NULL;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "customers" DROP COLUMN "_verified";
  ALTER TABLE "customers" DROP COLUMN "_verificationtoken";`)
}
