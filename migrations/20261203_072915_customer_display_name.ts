import { type MigrateUpArgs, type MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "customers" ADD COLUMN "display_name" varchar;
  CREATE INDEX "customers_display_name_idx" ON "customers" USING btree ("display_name");`)
  // Existing customers get their title too ("Name — email", as hooks/setDisplayName.ts writes it).
  await db.execute(sql`
   UPDATE "customers" SET "display_name" = NULLIF(concat_ws(' — ', NULLIF(btrim("name"), ''), NULLIF(btrim("email"), '')), '');`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "customers_display_name_idx";
  ALTER TABLE "customers" DROP COLUMN "display_name";`)
}
