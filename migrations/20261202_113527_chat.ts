import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_threads_chat_mode" AS ENUM('assistant', 'staff');
  ALTER TABLE "threads" ADD COLUMN "visitor" varchar;
  ALTER TABLE "threads" ADD COLUMN "chat_mode" "enum_threads_chat_mode" DEFAULT 'assistant' NOT NULL;
  ALTER TABLE "threads" ADD COLUMN "chat_staff_id" integer;
  ALTER TABLE "threads" ADD COLUMN "chat_seen_at" timestamp(3) with time zone;
  ALTER TABLE "messages" ADD COLUMN "chat_links" jsonb;
  ALTER TABLE "threads" ADD CONSTRAINT "threads_chat_staff_id_users_id_fk" FOREIGN KEY ("chat_staff_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE UNIQUE INDEX "threads_visitor_idx" ON "threads" USING btree ("visitor");
  CREATE INDEX "threads_chat_staff_idx" ON "threads" USING btree ("chat_staff_id");
  CREATE INDEX "threads_chat_seen_at_idx" ON "threads" USING btree ("chat_seen_at");`)
  // Hand-written: every thread belongs to a customer, a phone number or an anonymous chat visitor.
  await db.execute(sql`
  ALTER TABLE "threads" DROP CONSTRAINT "threads_has_owner";
  ALTER TABLE "threads" ADD CONSTRAINT "threads_has_owner" CHECK ("customer_id" IS NOT NULL OR "phone" IS NOT NULL OR "visitor" IS NOT NULL);`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "threads" DROP CONSTRAINT "threads_has_owner";
  DELETE FROM "threads" WHERE "customer_id" IS NULL AND "phone" IS NULL;
  ALTER TABLE "threads" ADD CONSTRAINT "threads_has_owner" CHECK ("customer_id" IS NOT NULL OR "phone" IS NOT NULL);
  ALTER TABLE "threads" DROP CONSTRAINT "threads_chat_staff_id_users_id_fk";
  
  DROP INDEX "threads_visitor_idx";
  DROP INDEX "threads_chat_staff_idx";
  DROP INDEX "threads_chat_seen_at_idx";
  ALTER TABLE "threads" DROP COLUMN "visitor";
  ALTER TABLE "threads" DROP COLUMN "chat_mode";
  ALTER TABLE "threads" DROP COLUMN "chat_staff_id";
  ALTER TABLE "threads" DROP COLUMN "chat_seen_at";
  ALTER TABLE "messages" DROP COLUMN "chat_links";
  DROP TYPE "public"."enum_threads_chat_mode";`)
}
