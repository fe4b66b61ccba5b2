import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_bookings_status" AS ENUM('pending', 'confirmed', 'completed', 'cancelled', 'no_show');
  CREATE TYPE "public"."enum_bookings_source" AS ENUM('web', 'phone', 'chat', 'admin');
  CREATE TYPE "public"."enum__bookings_v_version_status" AS ENUM('pending', 'confirmed', 'completed', 'cancelled', 'no_show');
  CREATE TYPE "public"."enum__bookings_v_version_source" AS ENUM('web', 'phone', 'chat', 'admin');
  CREATE TYPE "public"."enum_messages_channel" AS ENUM('chat', 'email', 'sms', 'note');
  CREATE TYPE "public"."enum_messages_direction" AS ENUM('inbound', 'outbound');
  CREATE TYPE "public"."enum_messages_status" AS ENUM('queued', 'sent', 'delivered', 'failed');
  CREATE TYPE "public"."enum_menu_items_dietary_tags" AS ENUM('vegetarian', 'vegan', 'gluten-free', 'contains-shellfish', 'contains-fish', 'dairy-free', 'nut-free');
  CREATE TYPE "public"."enum_menu_items_category" AS ENUM('protein', 'upgrade', 'add-on', 'side');
  CREATE TYPE "public"."enum_menu_items_pricing" AS ENUM('per_guest', 'flat');
  CREATE TYPE "public"."enum_pages_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__pages_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_business_settings_deposit_kind" AS ENUM('fixed', 'percent');
  CREATE TYPE "public"."enum__business_settings_v_version_deposit_kind" AS ENUM('fixed', 'percent');
  CREATE TABLE "customers_addresses" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"label" varchar,
  	"street" varchar NOT NULL,
  	"city" varchar NOT NULL,
  	"state" varchar NOT NULL,
  	"zip" varchar NOT NULL
  );
  
  CREATE TABLE "customers_sessions" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"created_at" timestamp(3) with time zone,
  	"expires_at" timestamp(3) with time zone NOT NULL
  );
  
  CREATE TABLE "customers" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"phone" varchar,
  	"marketing_consent" boolean DEFAULT false,
  	"notes" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"email" varchar NOT NULL,
  	"reset_password_token" varchar,
  	"reset_password_expiration" timestamp(3) with time zone,
  	"salt" varchar,
  	"hash" varchar,
  	"reset_password_requested_at" timestamp(3) with time zone,
  	"login_attempts" numeric DEFAULT 0,
  	"lock_until" timestamp(3) with time zone
  );
  
  CREATE TABLE "bookings_menu" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"item_id" integer NOT NULL,
  	"quantity" numeric NOT NULL
  );
  
  CREATE TABLE "bookings_pricing_line_items" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"label" varchar NOT NULL,
  	"amount_cents" numeric NOT NULL
  );
  
  CREATE TABLE "bookings" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"event_date" varchar NOT NULL,
  	"start_time" varchar NOT NULL,
  	"duration_minutes" numeric,
  	"status" "enum_bookings_status" DEFAULT 'pending' NOT NULL,
  	"contact_name" varchar NOT NULL,
  	"contact_email" varchar NOT NULL,
  	"contact_phone" varchar NOT NULL,
  	"customer_id" integer,
  	"guests_adults" numeric NOT NULL,
  	"guests_children" numeric DEFAULT 0,
  	"guests_total" numeric,
  	"address_street" varchar NOT NULL,
  	"address_city" varchar NOT NULL,
  	"address_state" varchar NOT NULL,
  	"address_zip" varchar NOT NULL,
  	"special_requests" varchar,
  	"dietary_notes" varchar,
  	"source" "enum_bookings_source" DEFAULT 'web',
  	"pricing_subtotal_cents" numeric,
  	"pricing_travel_fee_cents" numeric,
  	"pricing_tax_cents" numeric,
  	"pricing_deposit_cents" numeric,
  	"pricing_total_cents" numeric,
  	"pricing_currency" varchar,
  	"payment_deposit_paid_cents" numeric DEFAULT 0,
  	"payment_refunded_cents" numeric DEFAULT 0,
  	"payment_paid_at" timestamp(3) with time zone,
  	"payment_provider_reference" varchar,
  	"cancellation_cancelled_at" timestamp(3) with time zone,
  	"cancellation_reason" varchar,
  	"cancellation_refund_percent" numeric,
  	"cancellation_refund_cents" numeric,
  	"starts_at" timestamp(3) with time zone,
  	"ends_at" timestamp(3) with time zone,
  	"blocked_from" timestamp(3) with time zone,
  	"blocked_until" timestamp(3) with time zone,
  	"chef_units" numeric,
  	"manage_token_hash" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "bookings_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  CREATE TABLE "_bookings_v_version_menu" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"item_id" integer NOT NULL,
  	"quantity" numeric NOT NULL,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_bookings_v_version_pricing_line_items" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"label" varchar NOT NULL,
  	"amount_cents" numeric NOT NULL,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_bookings_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_title" varchar,
  	"version_event_date" varchar NOT NULL,
  	"version_start_time" varchar NOT NULL,
  	"version_duration_minutes" numeric,
  	"version_status" "enum__bookings_v_version_status" DEFAULT 'pending' NOT NULL,
  	"version_contact_name" varchar NOT NULL,
  	"version_contact_email" varchar NOT NULL,
  	"version_contact_phone" varchar NOT NULL,
  	"version_customer_id" integer,
  	"version_guests_adults" numeric NOT NULL,
  	"version_guests_children" numeric DEFAULT 0,
  	"version_guests_total" numeric,
  	"version_address_street" varchar NOT NULL,
  	"version_address_city" varchar NOT NULL,
  	"version_address_state" varchar NOT NULL,
  	"version_address_zip" varchar NOT NULL,
  	"version_special_requests" varchar,
  	"version_dietary_notes" varchar,
  	"version_source" "enum__bookings_v_version_source" DEFAULT 'web',
  	"version_pricing_subtotal_cents" numeric,
  	"version_pricing_travel_fee_cents" numeric,
  	"version_pricing_tax_cents" numeric,
  	"version_pricing_deposit_cents" numeric,
  	"version_pricing_total_cents" numeric,
  	"version_pricing_currency" varchar,
  	"version_payment_deposit_paid_cents" numeric DEFAULT 0,
  	"version_payment_refunded_cents" numeric DEFAULT 0,
  	"version_payment_paid_at" timestamp(3) with time zone,
  	"version_payment_provider_reference" varchar,
  	"version_cancellation_cancelled_at" timestamp(3) with time zone,
  	"version_cancellation_reason" varchar,
  	"version_cancellation_refund_percent" numeric,
  	"version_cancellation_refund_cents" numeric,
  	"version_starts_at" timestamp(3) with time zone,
  	"version_ends_at" timestamp(3) with time zone,
  	"version_blocked_from" timestamp(3) with time zone,
  	"version_blocked_until" timestamp(3) with time zone,
  	"version_chef_units" numeric,
  	"version_manage_token_hash" varchar,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "_bookings_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  CREATE TABLE "messages" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"customer_id" integer NOT NULL,
  	"booking_id" integer,
  	"channel" "enum_messages_channel" NOT NULL,
  	"direction" "enum_messages_direction" NOT NULL,
  	"body" varchar NOT NULL,
  	"status" "enum_messages_status" DEFAULT 'queued' NOT NULL,
  	"error" varchar,
  	"sent_at" timestamp(3) with time zone,
  	"delivered_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "menu_items_dietary_tags" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_menu_items_dietary_tags",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "menu_items" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"description" varchar,
  	"category" "enum_menu_items_category" NOT NULL,
  	"price_cents" numeric DEFAULT 0 NOT NULL,
  	"pricing" "enum_menu_items_pricing" DEFAULT 'per_guest' NOT NULL,
  	"image_id" integer,
  	"active" boolean DEFAULT true,
  	"sort_order" numeric DEFAULT 0,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "pages" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"slug" varchar,
  	"content" jsonb,
  	"meta_title" varchar,
  	"meta_description" varchar,
  	"meta_image_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_pages_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "_pages_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_title" varchar,
  	"version_slug" varchar,
  	"version_content" jsonb,
  	"version_meta_title" varchar,
  	"version_meta_description" varchar,
  	"version_meta_image_id" integer,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__pages_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean
  );
  
  CREATE TABLE "media" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"alt" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"url" varchar,
  	"thumbnail_u_r_l" varchar,
  	"filename" varchar,
  	"mime_type" varchar,
  	"filesize" numeric,
  	"width" numeric,
  	"height" numeric,
  	"focal_x" numeric,
  	"focal_y" numeric,
  	"sizes_thumbnail_url" varchar,
  	"sizes_thumbnail_width" numeric,
  	"sizes_thumbnail_height" numeric,
  	"sizes_thumbnail_mime_type" varchar,
  	"sizes_thumbnail_filesize" numeric,
  	"sizes_thumbnail_filename" varchar,
  	"sizes_card_url" varchar,
  	"sizes_card_width" numeric,
  	"sizes_card_height" numeric,
  	"sizes_card_mime_type" varchar,
  	"sizes_card_filesize" numeric,
  	"sizes_card_filename" varchar,
  	"sizes_hero_url" varchar,
  	"sizes_hero_width" numeric,
  	"sizes_hero_height" numeric,
  	"sizes_hero_mime_type" varchar,
  	"sizes_hero_filesize" numeric,
  	"sizes_hero_filename" varchar
  );
  
  CREATE TABLE "business_settings_blackout_dates" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"date" varchar NOT NULL,
  	"reason" varchar
  );
  
  CREATE TABLE "business_settings_service_areas" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"zone" varchar NOT NULL,
  	"zips" varchar NOT NULL,
  	"travel_fee_cents" numeric DEFAULT 0 NOT NULL
  );
  
  CREATE TABLE "business_settings_cancellation_tiers" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"min_days_before" numeric NOT NULL,
  	"refund_percent" numeric NOT NULL
  );
  
  CREATE TABLE "business_settings" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"business_name" varchar DEFAULT 'MyHibachi' NOT NULL,
  	"timezone" varchar DEFAULT 'America/New_York' NOT NULL,
  	"currency" varchar DEFAULT 'usd' NOT NULL,
  	"phone" varchar,
  	"email" varchar,
  	"brand_color" varchar DEFAULT '#b3261e',
  	"earliest_start" varchar DEFAULT '11:00' NOT NULL,
  	"latest_start" varchar DEFAULT '22:00' NOT NULL,
  	"slot_interval_minutes" numeric DEFAULT 30 NOT NULL,
  	"default_duration_minutes" numeric DEFAULT 120 NOT NULL,
  	"min_duration_minutes" numeric DEFAULT 60 NOT NULL,
  	"max_duration_minutes" numeric DEFAULT 480 NOT NULL,
  	"buffer_before_minutes" numeric DEFAULT 60 NOT NULL,
  	"buffer_after_minutes" numeric DEFAULT 60 NOT NULL,
  	"lead_time_hours" numeric DEFAULT 48 NOT NULL,
  	"max_advance_days" numeric DEFAULT 365 NOT NULL,
  	"guests_per_chef" numeric DEFAULT 15 NOT NULL,
  	"chef_count" numeric DEFAULT 2 NOT NULL,
  	"min_guests" numeric DEFAULT 1 NOT NULL,
  	"max_guests" numeric DEFAULT 50 NOT NULL,
  	"adult_price_cents" numeric DEFAULT 6000 NOT NULL,
  	"child_price_cents" numeric DEFAULT 3000 NOT NULL,
  	"child_max_age" numeric DEFAULT 12 NOT NULL,
  	"minimum_order_cents" numeric DEFAULT 55000 NOT NULL,
  	"tax_rate_micros" numeric DEFAULT 88750 NOT NULL,
  	"deposit_kind" "enum_business_settings_deposit_kind" DEFAULT 'fixed' NOT NULL,
  	"deposit_amount_cents" numeric DEFAULT 10000,
  	"deposit_percent" numeric DEFAULT 20,
  	"terms_summary" varchar,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  CREATE TABLE "_business_settings_v_version_blackout_dates" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"date" varchar NOT NULL,
  	"reason" varchar,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_business_settings_v_version_service_areas" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"zone" varchar NOT NULL,
  	"zips" varchar NOT NULL,
  	"travel_fee_cents" numeric DEFAULT 0 NOT NULL,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_business_settings_v_version_cancellation_tiers" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"min_days_before" numeric NOT NULL,
  	"refund_percent" numeric NOT NULL,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_business_settings_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"version_business_name" varchar DEFAULT 'MyHibachi' NOT NULL,
  	"version_timezone" varchar DEFAULT 'America/New_York' NOT NULL,
  	"version_currency" varchar DEFAULT 'usd' NOT NULL,
  	"version_phone" varchar,
  	"version_email" varchar,
  	"version_brand_color" varchar DEFAULT '#b3261e',
  	"version_earliest_start" varchar DEFAULT '11:00' NOT NULL,
  	"version_latest_start" varchar DEFAULT '22:00' NOT NULL,
  	"version_slot_interval_minutes" numeric DEFAULT 30 NOT NULL,
  	"version_default_duration_minutes" numeric DEFAULT 120 NOT NULL,
  	"version_min_duration_minutes" numeric DEFAULT 60 NOT NULL,
  	"version_max_duration_minutes" numeric DEFAULT 480 NOT NULL,
  	"version_buffer_before_minutes" numeric DEFAULT 60 NOT NULL,
  	"version_buffer_after_minutes" numeric DEFAULT 60 NOT NULL,
  	"version_lead_time_hours" numeric DEFAULT 48 NOT NULL,
  	"version_max_advance_days" numeric DEFAULT 365 NOT NULL,
  	"version_guests_per_chef" numeric DEFAULT 15 NOT NULL,
  	"version_chef_count" numeric DEFAULT 2 NOT NULL,
  	"version_min_guests" numeric DEFAULT 1 NOT NULL,
  	"version_max_guests" numeric DEFAULT 50 NOT NULL,
  	"version_adult_price_cents" numeric DEFAULT 6000 NOT NULL,
  	"version_child_price_cents" numeric DEFAULT 3000 NOT NULL,
  	"version_child_max_age" numeric DEFAULT 12 NOT NULL,
  	"version_minimum_order_cents" numeric DEFAULT 55000 NOT NULL,
  	"version_tax_rate_micros" numeric DEFAULT 88750 NOT NULL,
  	"version_deposit_kind" "enum__business_settings_v_version_deposit_kind" DEFAULT 'fixed' NOT NULL,
  	"version_deposit_amount_cents" numeric DEFAULT 10000,
  	"version_deposit_percent" numeric DEFAULT 20,
  	"version_terms_summary" varchar,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "customers_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "bookings_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "messages_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "menu_items_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "pages_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "media_id" integer;
  ALTER TABLE "payload_preferences_rels" ADD COLUMN "customers_id" integer;
  ALTER TABLE "customers_addresses" ADD CONSTRAINT "customers_addresses_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "customers_sessions" ADD CONSTRAINT "customers_sessions_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "bookings_menu" ADD CONSTRAINT "bookings_menu_item_id_menu_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."menu_items"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "bookings_menu" ADD CONSTRAINT "bookings_menu_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "bookings_pricing_line_items" ADD CONSTRAINT "bookings_pricing_line_items_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "bookings" ADD CONSTRAINT "bookings_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "bookings_rels" ADD CONSTRAINT "bookings_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "bookings_rels" ADD CONSTRAINT "bookings_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_bookings_v_version_menu" ADD CONSTRAINT "_bookings_v_version_menu_item_id_menu_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."menu_items"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_bookings_v_version_menu" ADD CONSTRAINT "_bookings_v_version_menu_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_bookings_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_bookings_v_version_pricing_line_items" ADD CONSTRAINT "_bookings_v_version_pricing_line_items_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_bookings_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_bookings_v" ADD CONSTRAINT "_bookings_v_parent_id_bookings_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."bookings"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_bookings_v" ADD CONSTRAINT "_bookings_v_version_customer_id_customers_id_fk" FOREIGN KEY ("version_customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_bookings_v_rels" ADD CONSTRAINT "_bookings_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_bookings_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_bookings_v_rels" ADD CONSTRAINT "_bookings_v_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "messages" ADD CONSTRAINT "messages_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "messages" ADD CONSTRAINT "messages_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "menu_items_dietary_tags" ADD CONSTRAINT "menu_items_dietary_tags_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."menu_items"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "menu_items" ADD CONSTRAINT "menu_items_image_id_media_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "pages" ADD CONSTRAINT "pages_meta_image_id_media_id_fk" FOREIGN KEY ("meta_image_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_pages_v" ADD CONSTRAINT "_pages_v_parent_id_pages_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."pages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_pages_v" ADD CONSTRAINT "_pages_v_version_meta_image_id_media_id_fk" FOREIGN KEY ("version_meta_image_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "business_settings_blackout_dates" ADD CONSTRAINT "business_settings_blackout_dates_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."business_settings"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "business_settings_service_areas" ADD CONSTRAINT "business_settings_service_areas_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."business_settings"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "business_settings_cancellation_tiers" ADD CONSTRAINT "business_settings_cancellation_tiers_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."business_settings"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_business_settings_v_version_blackout_dates" ADD CONSTRAINT "_business_settings_v_version_blackout_dates_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_business_settings_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_business_settings_v_version_service_areas" ADD CONSTRAINT "_business_settings_v_version_service_areas_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_business_settings_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_business_settings_v_version_cancellation_tiers" ADD CONSTRAINT "_business_settings_v_version_cancellation_tiers_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_business_settings_v"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "customers_addresses_order_idx" ON "customers_addresses" USING btree ("_order");
  CREATE INDEX "customers_addresses_parent_id_idx" ON "customers_addresses" USING btree ("_parent_id");
  CREATE INDEX "customers_sessions_order_idx" ON "customers_sessions" USING btree ("_order");
  CREATE INDEX "customers_sessions_parent_id_idx" ON "customers_sessions" USING btree ("_parent_id");
  CREATE INDEX "customers_updated_at_idx" ON "customers" USING btree ("updated_at");
  CREATE INDEX "customers_created_at_idx" ON "customers" USING btree ("created_at");
  CREATE UNIQUE INDEX "customers_email_idx" ON "customers" USING btree ("email");
  CREATE INDEX "bookings_menu_order_idx" ON "bookings_menu" USING btree ("_order");
  CREATE INDEX "bookings_menu_parent_id_idx" ON "bookings_menu" USING btree ("_parent_id");
  CREATE INDEX "bookings_menu_item_idx" ON "bookings_menu" USING btree ("item_id");
  CREATE INDEX "bookings_pricing_line_items_order_idx" ON "bookings_pricing_line_items" USING btree ("_order");
  CREATE INDEX "bookings_pricing_line_items_parent_id_idx" ON "bookings_pricing_line_items" USING btree ("_parent_id");
  CREATE INDEX "bookings_event_date_idx" ON "bookings" USING btree ("event_date");
  CREATE INDEX "bookings_status_idx" ON "bookings" USING btree ("status");
  CREATE INDEX "bookings_customer_idx" ON "bookings" USING btree ("customer_id");
  CREATE INDEX "bookings_starts_at_idx" ON "bookings" USING btree ("starts_at");
  CREATE INDEX "bookings_manage_token_hash_idx" ON "bookings" USING btree ("manage_token_hash");
  CREATE INDEX "bookings_updated_at_idx" ON "bookings" USING btree ("updated_at");
  CREATE INDEX "bookings_created_at_idx" ON "bookings" USING btree ("created_at");
  CREATE INDEX "bookings_rels_order_idx" ON "bookings_rels" USING btree ("order");
  CREATE INDEX "bookings_rels_parent_idx" ON "bookings_rels" USING btree ("parent_id");
  CREATE INDEX "bookings_rels_path_idx" ON "bookings_rels" USING btree ("path");
  CREATE INDEX "bookings_rels_users_id_idx" ON "bookings_rels" USING btree ("users_id");
  CREATE INDEX "_bookings_v_version_menu_order_idx" ON "_bookings_v_version_menu" USING btree ("_order");
  CREATE INDEX "_bookings_v_version_menu_parent_id_idx" ON "_bookings_v_version_menu" USING btree ("_parent_id");
  CREATE INDEX "_bookings_v_version_menu_item_idx" ON "_bookings_v_version_menu" USING btree ("item_id");
  CREATE INDEX "_bookings_v_version_pricing_line_items_order_idx" ON "_bookings_v_version_pricing_line_items" USING btree ("_order");
  CREATE INDEX "_bookings_v_version_pricing_line_items_parent_id_idx" ON "_bookings_v_version_pricing_line_items" USING btree ("_parent_id");
  CREATE INDEX "_bookings_v_parent_idx" ON "_bookings_v" USING btree ("parent_id");
  CREATE INDEX "_bookings_v_version_version_event_date_idx" ON "_bookings_v" USING btree ("version_event_date");
  CREATE INDEX "_bookings_v_version_version_status_idx" ON "_bookings_v" USING btree ("version_status");
  CREATE INDEX "_bookings_v_version_version_customer_idx" ON "_bookings_v" USING btree ("version_customer_id");
  CREATE INDEX "_bookings_v_version_version_starts_at_idx" ON "_bookings_v" USING btree ("version_starts_at");
  CREATE INDEX "_bookings_v_version_version_manage_token_hash_idx" ON "_bookings_v" USING btree ("version_manage_token_hash");
  CREATE INDEX "_bookings_v_version_version_updated_at_idx" ON "_bookings_v" USING btree ("version_updated_at");
  CREATE INDEX "_bookings_v_version_version_created_at_idx" ON "_bookings_v" USING btree ("version_created_at");
  CREATE INDEX "_bookings_v_created_at_idx" ON "_bookings_v" USING btree ("created_at");
  CREATE INDEX "_bookings_v_updated_at_idx" ON "_bookings_v" USING btree ("updated_at");
  CREATE INDEX "_bookings_v_rels_order_idx" ON "_bookings_v_rels" USING btree ("order");
  CREATE INDEX "_bookings_v_rels_parent_idx" ON "_bookings_v_rels" USING btree ("parent_id");
  CREATE INDEX "_bookings_v_rels_path_idx" ON "_bookings_v_rels" USING btree ("path");
  CREATE INDEX "_bookings_v_rels_users_id_idx" ON "_bookings_v_rels" USING btree ("users_id");
  CREATE INDEX "messages_customer_idx" ON "messages" USING btree ("customer_id");
  CREATE INDEX "messages_booking_idx" ON "messages" USING btree ("booking_id");
  CREATE INDEX "messages_updated_at_idx" ON "messages" USING btree ("updated_at");
  CREATE INDEX "messages_created_at_idx" ON "messages" USING btree ("created_at");
  CREATE INDEX "menu_items_dietary_tags_order_idx" ON "menu_items_dietary_tags" USING btree ("order");
  CREATE INDEX "menu_items_dietary_tags_parent_idx" ON "menu_items_dietary_tags" USING btree ("parent_id");
  CREATE INDEX "menu_items_image_idx" ON "menu_items" USING btree ("image_id");
  CREATE INDEX "menu_items_active_idx" ON "menu_items" USING btree ("active");
  CREATE INDEX "menu_items_updated_at_idx" ON "menu_items" USING btree ("updated_at");
  CREATE INDEX "menu_items_created_at_idx" ON "menu_items" USING btree ("created_at");
  CREATE UNIQUE INDEX "pages_slug_idx" ON "pages" USING btree ("slug");
  CREATE INDEX "pages_meta_meta_image_idx" ON "pages" USING btree ("meta_image_id");
  CREATE INDEX "pages_updated_at_idx" ON "pages" USING btree ("updated_at");
  CREATE INDEX "pages_created_at_idx" ON "pages" USING btree ("created_at");
  CREATE INDEX "pages__status_idx" ON "pages" USING btree ("_status");
  CREATE INDEX "_pages_v_parent_idx" ON "_pages_v" USING btree ("parent_id");
  CREATE INDEX "_pages_v_version_version_slug_idx" ON "_pages_v" USING btree ("version_slug");
  CREATE INDEX "_pages_v_version_meta_version_meta_image_idx" ON "_pages_v" USING btree ("version_meta_image_id");
  CREATE INDEX "_pages_v_version_version_updated_at_idx" ON "_pages_v" USING btree ("version_updated_at");
  CREATE INDEX "_pages_v_version_version_created_at_idx" ON "_pages_v" USING btree ("version_created_at");
  CREATE INDEX "_pages_v_version_version__status_idx" ON "_pages_v" USING btree ("version__status");
  CREATE INDEX "_pages_v_created_at_idx" ON "_pages_v" USING btree ("created_at");
  CREATE INDEX "_pages_v_updated_at_idx" ON "_pages_v" USING btree ("updated_at");
  CREATE INDEX "_pages_v_latest_idx" ON "_pages_v" USING btree ("latest");
  CREATE INDEX "media_updated_at_idx" ON "media" USING btree ("updated_at");
  CREATE INDEX "media_created_at_idx" ON "media" USING btree ("created_at");
  CREATE UNIQUE INDEX "media_filename_idx" ON "media" USING btree ("filename");
  CREATE INDEX "media_sizes_thumbnail_sizes_thumbnail_filename_idx" ON "media" USING btree ("sizes_thumbnail_filename");
  CREATE INDEX "media_sizes_card_sizes_card_filename_idx" ON "media" USING btree ("sizes_card_filename");
  CREATE INDEX "media_sizes_hero_sizes_hero_filename_idx" ON "media" USING btree ("sizes_hero_filename");
  CREATE INDEX "business_settings_blackout_dates_order_idx" ON "business_settings_blackout_dates" USING btree ("_order");
  CREATE INDEX "business_settings_blackout_dates_parent_id_idx" ON "business_settings_blackout_dates" USING btree ("_parent_id");
  CREATE INDEX "business_settings_service_areas_order_idx" ON "business_settings_service_areas" USING btree ("_order");
  CREATE INDEX "business_settings_service_areas_parent_id_idx" ON "business_settings_service_areas" USING btree ("_parent_id");
  CREATE INDEX "business_settings_cancellation_tiers_order_idx" ON "business_settings_cancellation_tiers" USING btree ("_order");
  CREATE INDEX "business_settings_cancellation_tiers_parent_id_idx" ON "business_settings_cancellation_tiers" USING btree ("_parent_id");
  CREATE INDEX "_business_settings_v_version_blackout_dates_order_idx" ON "_business_settings_v_version_blackout_dates" USING btree ("_order");
  CREATE INDEX "_business_settings_v_version_blackout_dates_parent_id_idx" ON "_business_settings_v_version_blackout_dates" USING btree ("_parent_id");
  CREATE INDEX "_business_settings_v_version_service_areas_order_idx" ON "_business_settings_v_version_service_areas" USING btree ("_order");
  CREATE INDEX "_business_settings_v_version_service_areas_parent_id_idx" ON "_business_settings_v_version_service_areas" USING btree ("_parent_id");
  CREATE INDEX "_business_settings_v_version_cancellation_tiers_order_idx" ON "_business_settings_v_version_cancellation_tiers" USING btree ("_order");
  CREATE INDEX "_business_settings_v_version_cancellation_tiers_parent_id_idx" ON "_business_settings_v_version_cancellation_tiers" USING btree ("_parent_id");
  CREATE INDEX "_business_settings_v_created_at_idx" ON "_business_settings_v" USING btree ("created_at");
  CREATE INDEX "_business_settings_v_updated_at_idx" ON "_business_settings_v" USING btree ("updated_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_customers_fk" FOREIGN KEY ("customers_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_bookings_fk" FOREIGN KEY ("bookings_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_messages_fk" FOREIGN KEY ("messages_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_menu_items_fk" FOREIGN KEY ("menu_items_id") REFERENCES "public"."menu_items"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_pages_fk" FOREIGN KEY ("pages_id") REFERENCES "public"."pages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_customers_fk" FOREIGN KEY ("customers_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_customers_id_idx" ON "payload_locked_documents_rels" USING btree ("customers_id");
  CREATE INDEX "payload_locked_documents_rels_bookings_id_idx" ON "payload_locked_documents_rels" USING btree ("bookings_id");
  CREATE INDEX "payload_locked_documents_rels_messages_id_idx" ON "payload_locked_documents_rels" USING btree ("messages_id");
  CREATE INDEX "payload_locked_documents_rels_menu_items_id_idx" ON "payload_locked_documents_rels" USING btree ("menu_items_id");
  CREATE INDEX "payload_locked_documents_rels_pages_id_idx" ON "payload_locked_documents_rels" USING btree ("pages_id");
  CREATE INDEX "payload_locked_documents_rels_media_id_idx" ON "payload_locked_documents_rels" USING btree ("media_id");
  CREATE INDEX "payload_preferences_rels_customers_id_idx" ON "payload_preferences_rels" USING btree ("customers_id");`)

  // --- Hand-written part (this migration is not applied anywhere yet) ---------------------------
  // The database has the last word on the booking invariants, whatever code path writes:
  // capacity per time range (chef units vs. business_settings.chef_count), no chef on two
  // overlapping bookings, one non-cancelled booking per email and date.
  // Errors use SQLSTATEs MH409 / MH410, mapped to HTTP 409 in src/http/errors.ts.
  await db.execute(sql`
  CREATE OR REPLACE FUNCTION myhibachi_enforce_booking_capacity() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    cap numeric;
    used numeric;
  BEGIN
    IF NEW.status NOT IN ('pending', 'confirmed') OR NEW.blocked_from IS NULL OR NEW.blocked_until IS NULL THEN
      RETURN NEW;
    END IF;
    -- One writer at a time decides capacity: concurrent writers wait here until the first commits,
    -- then (READ COMMITTED, volatile function) see what it wrote.
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

  CREATE TRIGGER bookings_rels_enforce_chef_overlap
    AFTER INSERT OR UPDATE ON bookings_rels
    FOR EACH ROW EXECUTE FUNCTION myhibachi_enforce_chef_overlap();

  CREATE UNIQUE INDEX bookings_one_per_email_per_date
    ON bookings (lower(contact_email), event_date) WHERE status <> 'cancelled';

  ALTER TABLE bookings ADD CONSTRAINT bookings_chef_units_positive CHECK (chef_units IS NULL OR chef_units >= 1);
  ALTER TABLE bookings ADD CONSTRAINT bookings_blocked_range_ordered CHECK (blocked_from IS NULL OR blocked_until > blocked_from);
  `)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TRIGGER IF EXISTS bookings_rels_enforce_chef_overlap ON bookings_rels;
  DROP TRIGGER IF EXISTS bookings_enforce_capacity ON bookings;
  DROP FUNCTION IF EXISTS myhibachi_enforce_chef_overlap();
  DROP FUNCTION IF EXISTS myhibachi_enforce_booking_capacity();
  DROP INDEX IF EXISTS bookings_one_per_email_per_date;
  `)
  await db.execute(sql`
   ALTER TABLE "customers_addresses" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "customers_sessions" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "customers" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "bookings_menu" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "bookings_pricing_line_items" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "bookings" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "bookings_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_bookings_v_version_menu" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_bookings_v_version_pricing_line_items" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_bookings_v" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_bookings_v_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "messages" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "menu_items_dietary_tags" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "menu_items" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "pages" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_pages_v" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "media" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "business_settings_blackout_dates" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "business_settings_service_areas" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "business_settings_cancellation_tiers" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "business_settings" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_business_settings_v_version_blackout_dates" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_business_settings_v_version_service_areas" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_business_settings_v_version_cancellation_tiers" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_business_settings_v" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "customers_addresses" CASCADE;
  DROP TABLE "customers_sessions" CASCADE;
  DROP TABLE "customers" CASCADE;
  DROP TABLE "bookings_menu" CASCADE;
  DROP TABLE "bookings_pricing_line_items" CASCADE;
  DROP TABLE "bookings" CASCADE;
  DROP TABLE "bookings_rels" CASCADE;
  DROP TABLE "_bookings_v_version_menu" CASCADE;
  DROP TABLE "_bookings_v_version_pricing_line_items" CASCADE;
  DROP TABLE "_bookings_v" CASCADE;
  DROP TABLE "_bookings_v_rels" CASCADE;
  DROP TABLE "messages" CASCADE;
  DROP TABLE "menu_items_dietary_tags" CASCADE;
  DROP TABLE "menu_items" CASCADE;
  DROP TABLE "pages" CASCADE;
  DROP TABLE "_pages_v" CASCADE;
  DROP TABLE "media" CASCADE;
  DROP TABLE "business_settings_blackout_dates" CASCADE;
  DROP TABLE "business_settings_service_areas" CASCADE;
  DROP TABLE "business_settings_cancellation_tiers" CASCADE;
  DROP TABLE "business_settings" CASCADE;
  DROP TABLE "_business_settings_v_version_blackout_dates" CASCADE;
  DROP TABLE "_business_settings_v_version_service_areas" CASCADE;
  DROP TABLE "_business_settings_v_version_cancellation_tiers" CASCADE;
  DROP TABLE "_business_settings_v" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_customers_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_bookings_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_messages_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_menu_items_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_pages_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_media_fk";
  
  ALTER TABLE "payload_preferences_rels" DROP CONSTRAINT "payload_preferences_rels_customers_fk";
  
  DROP INDEX "payload_locked_documents_rels_customers_id_idx";
  DROP INDEX "payload_locked_documents_rels_bookings_id_idx";
  DROP INDEX "payload_locked_documents_rels_messages_id_idx";
  DROP INDEX "payload_locked_documents_rels_menu_items_id_idx";
  DROP INDEX "payload_locked_documents_rels_pages_id_idx";
  DROP INDEX "payload_locked_documents_rels_media_id_idx";
  DROP INDEX "payload_preferences_rels_customers_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "customers_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "bookings_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "messages_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "menu_items_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "pages_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "media_id";
  ALTER TABLE "payload_preferences_rels" DROP COLUMN "customers_id";
  DROP TYPE "public"."enum_bookings_status";
  DROP TYPE "public"."enum_bookings_source";
  DROP TYPE "public"."enum__bookings_v_version_status";
  DROP TYPE "public"."enum__bookings_v_version_source";
  DROP TYPE "public"."enum_messages_channel";
  DROP TYPE "public"."enum_messages_direction";
  DROP TYPE "public"."enum_messages_status";
  DROP TYPE "public"."enum_menu_items_dietary_tags";
  DROP TYPE "public"."enum_menu_items_category";
  DROP TYPE "public"."enum_menu_items_pricing";
  DROP TYPE "public"."enum_pages_status";
  DROP TYPE "public"."enum__pages_v_version_status";
  DROP TYPE "public"."enum_business_settings_deposit_kind";
  DROP TYPE "public"."enum__business_settings_v_version_deposit_kind";`)
}
