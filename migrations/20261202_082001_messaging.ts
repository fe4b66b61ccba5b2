import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_threads_state" AS ENUM('open', 'done');
  CREATE TYPE "public"."enum_threads_last_channel" AS ENUM('email', 'sms', 'note', 'web', 'chat');
  CREATE TYPE "public"."enum_threads_last_direction" AS ENUM('inbound', 'outbound');
  CREATE TYPE "public"."enum_messages_event" AS ENUM('received', 'confirmed', 'rescheduled', 'cancelled', 'reminder', 'balance_due', 'thank_you');
  CREATE TYPE "public"."enum_email_templates_event" AS ENUM('received', 'confirmed', 'rescheduled', 'cancelled', 'reminder', 'balance_due', 'thank_you');
  CREATE TYPE "public"."enum__email_templates_v_version_event" AS ENUM('received', 'confirmed', 'rescheduled', 'cancelled', 'reminder', 'balance_due', 'thank_you');
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'sendMessage', 'bookingEmail');
  CREATE TYPE "public"."enum_payload_jobs_log_state" AS ENUM('failed', 'succeeded');
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'sendMessage', 'bookingEmail');
  ALTER TYPE "public"."enum_messages_status" ADD VALUE 'received';
  CREATE TABLE "threads" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"customer_id" integer,
  	"phone" varchar,
  	"state" "enum_threads_state" DEFAULT 'open' NOT NULL,
  	"assignee_id" integer,
  	"unread_count" numeric DEFAULT 0 NOT NULL,
  	"last_message_at" timestamp(3) with time zone,
  	"last_inbound_at" timestamp(3) with time zone,
  	"last_channel" "enum_threads_last_channel",
  	"last_direction" "enum_threads_last_direction",
  	"last_preview" varchar,
  	"last_booking_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "email_templates" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"event" "enum_email_templates_event" NOT NULL,
  	"subject" varchar NOT NULL,
  	"body" jsonb NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "_email_templates_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_event" "enum__email_templates_v_version_event" NOT NULL,
  	"version_subject" varchar NOT NULL,
  	"version_body" jsonb NOT NULL,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_jobs_log" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"executed_at" timestamp(3) with time zone NOT NULL,
  	"completed_at" timestamp(3) with time zone NOT NULL,
  	"task_slug" "enum_payload_jobs_log_task_slug" NOT NULL,
  	"task_i_d" varchar NOT NULL,
  	"input" jsonb,
  	"output" jsonb,
  	"state" "enum_payload_jobs_log_state" NOT NULL,
  	"error" jsonb
  );
  
  CREATE TABLE "payload_jobs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"input" jsonb,
  	"completed_at" timestamp(3) with time zone,
  	"total_tried" numeric DEFAULT 0,
  	"has_error" boolean DEFAULT false,
  	"error" jsonb,
  	"task_slug" "enum_payload_jobs_task_slug",
  	"queue" varchar DEFAULT 'default',
  	"wait_until" timestamp(3) with time zone,
  	"processing" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "messages" ALTER COLUMN "channel" SET DATA TYPE text;
  DROP TYPE "public"."enum_messages_channel";
  CREATE TYPE "public"."enum_messages_channel" AS ENUM('email', 'sms', 'note', 'web', 'chat');
  ALTER TABLE "messages" ALTER COLUMN "channel" SET DATA TYPE "public"."enum_messages_channel" USING "channel"::"public"."enum_messages_channel";
  ALTER TABLE "messages" ALTER COLUMN "customer_id" DROP NOT NULL;
  ALTER TABLE "customers" ADD COLUMN "deletion_requested_at" timestamp(3) with time zone;
  ALTER TABLE "customers" ADD COLUMN "anonymised_at" timestamp(3) with time zone;
  ALTER TABLE "customers" ADD COLUMN "login_link_hash" varchar;
  ALTER TABLE "customers" ADD COLUMN "login_link_expires_at" timestamp(3) with time zone;
  ALTER TABLE "messages" ADD COLUMN "thread_id" integer;
  ALTER TABLE "messages" ADD COLUMN "subject" varchar;
  ALTER TABLE "messages" ADD COLUMN "html" varchar;
  ALTER TABLE "messages" ADD COLUMN "to" varchar;
  ALTER TABLE "messages" ADD COLUMN "from" varchar;
  ALTER TABLE "messages" ADD COLUMN "event" "enum_messages_event";
  ALTER TABLE "messages" ADD COLUMN "attach_invite" boolean DEFAULT false;
  ALTER TABLE "messages" ADD COLUMN "key" varchar;
  ALTER TABLE "messages" ADD COLUMN "attempts" numeric DEFAULT 0 NOT NULL;
  ALTER TABLE "messages" ADD COLUMN "provider_id" varchar;
  ALTER TABLE "messages" ADD COLUMN "author_id" integer;
  ALTER TABLE "messages" ADD COLUMN "last_attempt_at" timestamp(3) with time zone;
  ALTER TABLE "messages" ADD COLUMN "failed_at" timestamp(3) with time zone;
  ALTER TABLE "messages" ADD COLUMN "read_at" timestamp(3) with time zone;
  ALTER TABLE "messages" ADD COLUMN "sealed_links" varchar;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "threads_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "email_templates_id" integer;
  ALTER TABLE "threads" ADD CONSTRAINT "threads_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "threads" ADD CONSTRAINT "threads_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "threads" ADD CONSTRAINT "threads_last_booking_id_bookings_id_fk" FOREIGN KEY ("last_booking_id") REFERENCES "public"."bookings"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_email_templates_v" ADD CONSTRAINT "_email_templates_v_parent_id_email_templates_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."email_templates"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_jobs_log" ADD CONSTRAINT "payload_jobs_log_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."payload_jobs"("id") ON DELETE cascade ON UPDATE no action;
  CREATE UNIQUE INDEX "threads_customer_idx" ON "threads" USING btree ("customer_id");
  CREATE UNIQUE INDEX "threads_phone_idx" ON "threads" USING btree ("phone");
  CREATE INDEX "threads_state_idx" ON "threads" USING btree ("state");
  CREATE INDEX "threads_assignee_idx" ON "threads" USING btree ("assignee_id");
  CREATE INDEX "threads_last_message_at_idx" ON "threads" USING btree ("last_message_at");
  CREATE INDEX "threads_last_booking_idx" ON "threads" USING btree ("last_booking_id");
  CREATE INDEX "threads_updated_at_idx" ON "threads" USING btree ("updated_at");
  CREATE INDEX "threads_created_at_idx" ON "threads" USING btree ("created_at");
  CREATE UNIQUE INDEX "email_templates_event_idx" ON "email_templates" USING btree ("event");
  CREATE INDEX "email_templates_updated_at_idx" ON "email_templates" USING btree ("updated_at");
  CREATE INDEX "email_templates_created_at_idx" ON "email_templates" USING btree ("created_at");
  CREATE INDEX "_email_templates_v_parent_idx" ON "_email_templates_v" USING btree ("parent_id");
  CREATE INDEX "_email_templates_v_version_version_event_idx" ON "_email_templates_v" USING btree ("version_event");
  CREATE INDEX "_email_templates_v_version_version_updated_at_idx" ON "_email_templates_v" USING btree ("version_updated_at");
  CREATE INDEX "_email_templates_v_version_version_created_at_idx" ON "_email_templates_v" USING btree ("version_created_at");
  CREATE INDEX "_email_templates_v_created_at_idx" ON "_email_templates_v" USING btree ("created_at");
  CREATE INDEX "_email_templates_v_updated_at_idx" ON "_email_templates_v" USING btree ("updated_at");
  CREATE INDEX "payload_jobs_log_order_idx" ON "payload_jobs_log" USING btree ("_order");
  CREATE INDEX "payload_jobs_log_parent_id_idx" ON "payload_jobs_log" USING btree ("_parent_id");
  CREATE INDEX "payload_jobs_completed_at_idx" ON "payload_jobs" USING btree ("completed_at");
  CREATE INDEX "payload_jobs_total_tried_idx" ON "payload_jobs" USING btree ("total_tried");
  CREATE INDEX "payload_jobs_has_error_idx" ON "payload_jobs" USING btree ("has_error");
  CREATE INDEX "payload_jobs_task_slug_idx" ON "payload_jobs" USING btree ("task_slug");
  CREATE INDEX "payload_jobs_queue_idx" ON "payload_jobs" USING btree ("queue");
  CREATE INDEX "payload_jobs_wait_until_idx" ON "payload_jobs" USING btree ("wait_until");
  CREATE INDEX "payload_jobs_processing_idx" ON "payload_jobs" USING btree ("processing");
  CREATE INDEX "payload_jobs_updated_at_idx" ON "payload_jobs" USING btree ("updated_at");
  CREATE INDEX "payload_jobs_created_at_idx" ON "payload_jobs" USING btree ("created_at");
  ALTER TABLE "messages" ADD CONSTRAINT "messages_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "messages" ADD CONSTRAINT "messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_threads_fk" FOREIGN KEY ("threads_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_email_templates_fk" FOREIGN KEY ("email_templates_id") REFERENCES "public"."email_templates"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "customers_deletion_requested_at_idx" ON "customers" USING btree ("deletion_requested_at");
  CREATE INDEX "customers_login_link_hash_idx" ON "customers" USING btree ("login_link_hash");
  CREATE INDEX "messages_thread_idx" ON "messages" USING btree ("thread_id");
  CREATE INDEX "messages_status_idx" ON "messages" USING btree ("status");
  CREATE UNIQUE INDEX "messages_key_idx" ON "messages" USING btree ("key");
  CREATE INDEX "messages_provider_id_idx" ON "messages" USING btree ("provider_id");
  CREATE INDEX "messages_author_idx" ON "messages" USING btree ("author_id");
  -- Messages written before threads existed join their customer's thread (one per customer).
  INSERT INTO "threads" ("title", "customer_id", "state", "unread_count", "last_message_at")
    SELECT COALESCE(c."name", c."email", 'Customer ' || c."id"), c."id", 'open', 0, max(m."created_at")
    FROM "messages" m JOIN "customers" c ON c."id" = m."customer_id"
    GROUP BY c."id"
    ON CONFLICT DO NOTHING;
  UPDATE "messages" m SET "thread_id" = t."id" FROM "threads" t WHERE t."customer_id" = m."customer_id" AND m."thread_id" IS NULL;
  ALTER TABLE "messages" ALTER COLUMN "thread_id" SET NOT NULL;
  -- Counters the system keeps can never go below zero, whatever writes them.
  ALTER TABLE "messages" ADD CONSTRAINT "messages_attempts_not_negative" CHECK ("attempts" >= 0);
  ALTER TABLE "threads" ADD CONSTRAINT "threads_unread_not_negative" CHECK ("unread_count" >= 0);
  -- A thread belongs to a customer or, for a number we do not know, to that phone number. Deleting
  -- a customer (an erasure; "delete my account" anonymises instead) deletes their thread and its
  -- messages with it (the foreign keys cascade); payments keep their rows.
  ALTER TABLE "threads" ADD CONSTRAINT "threads_has_owner" CHECK ("customer_id" IS NOT NULL OR "phone" IS NOT NULL);
  -- Scheduled booking emails are found by booking to be moved or deleted when it changes.
  CREATE INDEX "payload_jobs_booking_input_idx" ON "payload_jobs" ((("input"->>'bookingId'))) WHERE "completed_at" IS NULL;
  CREATE INDEX "payload_locked_documents_rels_threads_id_idx" ON "payload_locked_documents_rels" USING btree ("threads_id");
  CREATE INDEX "payload_locked_documents_rels_email_templates_id_idx" ON "payload_locked_documents_rels" USING btree ("email_templates_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "threads" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "email_templates" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_email_templates_v" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payload_jobs_log" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payload_jobs" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "threads" CASCADE;
  DROP TABLE "email_templates" CASCADE;
  DROP TABLE "_email_templates_v" CASCADE;
  DROP TABLE "payload_jobs_log" CASCADE;
  DROP TABLE "payload_jobs" CASCADE;
  ALTER TABLE "messages" DROP CONSTRAINT "messages_attempts_not_negative";
  ALTER TABLE "messages" DROP CONSTRAINT "messages_thread_id_threads_id_fk";
  
  ALTER TABLE "messages" DROP CONSTRAINT "messages_author_id_users_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_threads_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_email_templates_fk";
  
  ALTER TABLE "messages" ALTER COLUMN "channel" SET DATA TYPE text;
  DROP TYPE "public"."enum_messages_channel";
  CREATE TYPE "public"."enum_messages_channel" AS ENUM('chat', 'email', 'sms', 'note');
  ALTER TABLE "messages" ALTER COLUMN "channel" SET DATA TYPE "public"."enum_messages_channel" USING "channel"::"public"."enum_messages_channel";
  ALTER TABLE "messages" ALTER COLUMN "status" SET DATA TYPE text;
  ALTER TABLE "messages" ALTER COLUMN "status" SET DEFAULT 'queued'::text;
  DROP TYPE "public"."enum_messages_status";
  CREATE TYPE "public"."enum_messages_status" AS ENUM('queued', 'sent', 'delivered', 'failed');
  ALTER TABLE "messages" ALTER COLUMN "status" SET DEFAULT 'queued'::"public"."enum_messages_status";
  ALTER TABLE "messages" ALTER COLUMN "status" SET DATA TYPE "public"."enum_messages_status" USING "status"::"public"."enum_messages_status";
  DROP INDEX "customers_deletion_requested_at_idx";
  DROP INDEX "customers_login_link_hash_idx";
  DROP INDEX "messages_thread_idx";
  DROP INDEX "messages_status_idx";
  DROP INDEX "messages_key_idx";
  DROP INDEX "messages_provider_id_idx";
  DROP INDEX "messages_author_idx";
  DROP INDEX "payload_locked_documents_rels_threads_id_idx";
  DROP INDEX "payload_locked_documents_rels_email_templates_id_idx";
  ALTER TABLE "messages" ALTER COLUMN "customer_id" SET NOT NULL;
  ALTER TABLE "customers" DROP COLUMN "deletion_requested_at";
  ALTER TABLE "customers" DROP COLUMN "anonymised_at";
  ALTER TABLE "customers" DROP COLUMN "login_link_hash";
  ALTER TABLE "customers" DROP COLUMN "login_link_expires_at";
  ALTER TABLE "messages" DROP COLUMN "thread_id";
  ALTER TABLE "messages" DROP COLUMN "subject";
  ALTER TABLE "messages" DROP COLUMN "html";
  ALTER TABLE "messages" DROP COLUMN "to";
  ALTER TABLE "messages" DROP COLUMN "from";
  ALTER TABLE "messages" DROP COLUMN "event";
  ALTER TABLE "messages" DROP COLUMN "attach_invite";
  ALTER TABLE "messages" DROP COLUMN "key";
  ALTER TABLE "messages" DROP COLUMN "attempts";
  ALTER TABLE "messages" DROP COLUMN "provider_id";
  ALTER TABLE "messages" DROP COLUMN "author_id";
  ALTER TABLE "messages" DROP COLUMN "last_attempt_at";
  ALTER TABLE "messages" DROP COLUMN "failed_at";
  ALTER TABLE "messages" DROP COLUMN "read_at";
  ALTER TABLE "messages" DROP COLUMN "sealed_links";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "threads_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "email_templates_id";
  DROP TYPE "public"."enum_threads_state";
  DROP TYPE "public"."enum_threads_last_channel";
  DROP TYPE "public"."enum_threads_last_direction";
  DROP TYPE "public"."enum_messages_event";
  DROP TYPE "public"."enum_email_templates_event";
  DROP TYPE "public"."enum__email_templates_v_version_event";
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  DROP TYPE "public"."enum_payload_jobs_log_state";
  DROP TYPE "public"."enum_payload_jobs_task_slug";`)
}
