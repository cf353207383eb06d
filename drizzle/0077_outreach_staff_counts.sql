CREATE TABLE "outreach_staff_counts" (
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"staff" integer NOT NULL,
	"staff_trained" integer NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outreach_staff_counts_unit_id_year_pk" PRIMARY KEY("unit_id","year"),
	CONSTRAINT "outreach_staff_counts_check" CHECK ("outreach_staff_counts"."staff" > 0 and "outreach_staff_counts"."staff_trained" between 0 and "outreach_staff_counts"."staff")
);
--> statement-breakpoint
ALTER TABLE "outreach_staff_counts" ADD CONSTRAINT "outreach_staff_counts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_staff_counts" ADD CONSTRAINT "outreach_staff_counts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;