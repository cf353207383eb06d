CREATE TABLE "enterprise_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tax_code" text NOT NULL,
	"name" text NOT NULL,
	"sector" text NOT NULL,
	"size" text NOT NULL,
	"address" text NOT NULL,
	"commune_unit_id" uuid NOT NULL,
	"rep_name" text NOT NULL,
	"rep_email" text NOT NULL,
	"rep_phone" text,
	"code_hash" text NOT NULL,
	"code_expires_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'unverified' NOT NULL,
	"reason" text,
	"unit_id" uuid,
	"user_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprise_registrations_status_check" CHECK ("enterprise_registrations"."status" in ('unverified', 'verified', 'approved', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"unit_id" uuid PRIMARY KEY NOT NULL,
	"tax_code" text NOT NULL,
	"sector" text NOT NULL,
	"size" text NOT NULL,
	"address" text NOT NULL,
	"commitment" text,
	"listed" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprises_tax_code_unique" UNIQUE("tax_code")
);
--> statement-breakpoint
ALTER TABLE "enterprise_registrations" ADD CONSTRAINT "enterprise_registrations_commune_unit_id_units_id_fk" FOREIGN KEY ("commune_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_registrations" ADD CONSTRAINT "enterprise_registrations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_registrations" ADD CONSTRAINT "enterprise_registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_registrations" ADD CONSTRAINT "enterprise_registrations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enterprise_registrations_status_idx" ON "enterprise_registrations" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "enterprise_registrations_open_idx" ON "enterprise_registrations" USING btree ("tax_code") WHERE "enterprise_registrations"."status" in ('unverified', 'verified');