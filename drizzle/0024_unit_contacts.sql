CREATE TABLE "unit_contacts" (
	"unit_id" uuid PRIMARY KEY NOT NULL,
	"address" text,
	"phone" text,
	"email" text,
	"reception_place" text,
	"reception_hours" text,
	"head_reception_schedule" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "unit_contacts" ADD CONSTRAINT "unit_contacts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;