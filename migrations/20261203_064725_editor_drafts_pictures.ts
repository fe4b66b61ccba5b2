import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_menu_items_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__menu_items_v_version_dietary_tags" AS ENUM('vegetarian', 'vegan', 'gluten-free', 'contains-shellfish', 'contains-fish', 'dairy-free', 'nut-free');
  CREATE TYPE "public"."enum__menu_items_v_version_category" AS ENUM('protein', 'upgrade', 'add-on', 'side');
  CREATE TYPE "public"."enum__menu_items_v_version_pricing" AS ENUM('per_guest', 'flat');
  CREATE TYPE "public"."enum__menu_items_v_version_status" AS ENUM('draft', 'published');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'schedulePublish';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'schedulePublish';
  CREATE TABLE "_menu_items_v_version_dietary_tags" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum__menu_items_v_version_dietary_tags",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "_menu_items_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_name" varchar,
  	"version_description" varchar,
  	"version_category" "enum__menu_items_v_version_category",
  	"version_price_cents" numeric DEFAULT 0,
  	"version_pricing" "enum__menu_items_v_version_pricing" DEFAULT 'per_guest',
  	"version_image_id" integer,
  	"version_active" boolean DEFAULT true,
  	"version_sort_order" numeric DEFAULT 0,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__menu_items_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean
  );
  
  ALTER TABLE "menu_items" ALTER COLUMN "name" DROP NOT NULL;
  ALTER TABLE "menu_items" ALTER COLUMN "category" DROP NOT NULL;
  ALTER TABLE "menu_items" ALTER COLUMN "price_cents" DROP NOT NULL;
  ALTER TABLE "menu_items" ALTER COLUMN "pricing" DROP NOT NULL;
  ALTER TABLE "menu_items" ADD COLUMN "_status" "enum_menu_items_status" DEFAULT 'draft';
  ALTER TABLE "pages" ADD COLUMN "hero_image_id" integer;
  ALTER TABLE "_pages_v" ADD COLUMN "version_hero_image_id" integer;
  ALTER TABLE "_menu_items_v_version_dietary_tags" ADD CONSTRAINT "_menu_items_v_version_dietary_tags_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_menu_items_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_menu_items_v" ADD CONSTRAINT "_menu_items_v_parent_id_menu_items_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."menu_items"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_menu_items_v" ADD CONSTRAINT "_menu_items_v_version_image_id_media_id_fk" FOREIGN KEY ("version_image_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "_menu_items_v_version_dietary_tags_order_idx" ON "_menu_items_v_version_dietary_tags" USING btree ("order");
  CREATE INDEX "_menu_items_v_version_dietary_tags_parent_idx" ON "_menu_items_v_version_dietary_tags" USING btree ("parent_id");
  CREATE INDEX "_menu_items_v_parent_idx" ON "_menu_items_v" USING btree ("parent_id");
  CREATE INDEX "_menu_items_v_version_version_image_idx" ON "_menu_items_v" USING btree ("version_image_id");
  CREATE INDEX "_menu_items_v_version_version_active_idx" ON "_menu_items_v" USING btree ("version_active");
  CREATE INDEX "_menu_items_v_version_version_updated_at_idx" ON "_menu_items_v" USING btree ("version_updated_at");
  CREATE INDEX "_menu_items_v_version_version_created_at_idx" ON "_menu_items_v" USING btree ("version_created_at");
  CREATE INDEX "_menu_items_v_version_version__status_idx" ON "_menu_items_v" USING btree ("version__status");
  CREATE INDEX "_menu_items_v_created_at_idx" ON "_menu_items_v" USING btree ("created_at");
  CREATE INDEX "_menu_items_v_updated_at_idx" ON "_menu_items_v" USING btree ("updated_at");
  CREATE INDEX "_menu_items_v_latest_idx" ON "_menu_items_v" USING btree ("latest");
  ALTER TABLE "pages" ADD CONSTRAINT "pages_hero_image_id_media_id_fk" FOREIGN KEY ("hero_image_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_pages_v" ADD CONSTRAINT "_pages_v_version_hero_image_id_media_id_fk" FOREIGN KEY ("version_hero_image_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "menu_items__status_idx" ON "menu_items" USING btree ("_status");
  CREATE INDEX "pages_hero_image_idx" ON "pages" USING btree ("hero_image_id");
  CREATE INDEX "_pages_v_version_version_hero_image_idx" ON "_pages_v" USING btree ("version_hero_image_id");`)

  // Written by hand (the rest is Payload's output). Menu items gained drafts: every item that
  // existed was public, so it stays published, with one published version (Payload's draft reads,
  // used by the live preview, read only the versions table). A published item is complete: the
  // NOT NULLs Payload drops for drafts hold for published rows (the database has the last word).
  await db.execute(sql`
   UPDATE "menu_items" SET "_status" = 'published';
  INSERT INTO "_menu_items_v" ("parent_id", "version_name", "version_description", "version_category", "version_price_cents", "version_pricing", "version_image_id", "version_active", "version_sort_order", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest")
    SELECT "id", "name", "description", "category"::text::"enum__menu_items_v_version_category", "price_cents", "pricing"::text::"enum__menu_items_v_version_pricing", "image_id", "active", "sort_order", "updated_at", "created_at", 'published', "updated_at", "updated_at", true FROM "menu_items";
  INSERT INTO "_menu_items_v_version_dietary_tags" ("order", "parent_id", "value")
    SELECT t."order", v."id", t."value"::text::"enum__menu_items_v_version_dietary_tags" FROM "menu_items_dietary_tags" t JOIN "_menu_items_v" v ON v."parent_id" = t."parent_id";
  ALTER TABLE "menu_items" ADD CONSTRAINT "menu_items_published_complete" CHECK ("_status" = 'draft' OR ("name" IS NOT NULL AND "category" IS NOT NULL AND "price_cents" IS NOT NULL AND "pricing" IS NOT NULL));`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "menu_items" DROP CONSTRAINT "menu_items_published_complete";
   DELETE FROM "menu_items" WHERE "_status" = 'draft';
   ALTER TABLE "_menu_items_v_version_dietary_tags" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_menu_items_v" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "_menu_items_v_version_dietary_tags" CASCADE;
  DROP TABLE "_menu_items_v" CASCADE;
  ALTER TABLE "pages" DROP CONSTRAINT "pages_hero_image_id_media_id_fk";
  
  ALTER TABLE "_pages_v" DROP CONSTRAINT "_pages_v_version_hero_image_id_media_id_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'sendMessage', 'bookingEmail');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'sendMessage', 'bookingEmail');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "menu_items__status_idx";
  DROP INDEX "pages_hero_image_idx";
  DROP INDEX "_pages_v_version_version_hero_image_idx";
  ALTER TABLE "menu_items" ALTER COLUMN "name" SET NOT NULL;
  ALTER TABLE "menu_items" ALTER COLUMN "category" SET NOT NULL;
  ALTER TABLE "menu_items" ALTER COLUMN "price_cents" SET NOT NULL;
  ALTER TABLE "menu_items" ALTER COLUMN "pricing" SET NOT NULL;
  ALTER TABLE "menu_items" DROP COLUMN "_status";
  ALTER TABLE "pages" DROP COLUMN "hero_image_id";
  ALTER TABLE "_pages_v" DROP COLUMN "version_hero_image_id";
  DROP TYPE "public"."enum_menu_items_status";
  DROP TYPE "public"."enum__menu_items_v_version_dietary_tags";
  DROP TYPE "public"."enum__menu_items_v_version_category";
  DROP TYPE "public"."enum__menu_items_v_version_pricing";
  DROP TYPE "public"."enum__menu_items_v_version_status";`)
}
