import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "bookings" ALTER COLUMN "source" DROP DEFAULT;
  ALTER TABLE "_bookings_v" ALTER COLUMN "version_source" DROP DEFAULT;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "bookings" ALTER COLUMN "source" SET DEFAULT 'web';
  ALTER TABLE "_bookings_v" ALTER COLUMN "version_source" SET DEFAULT 'web';`)
}
