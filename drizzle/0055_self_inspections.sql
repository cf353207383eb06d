CREATE TABLE "self_inspections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"area" text NOT NULL,
	"staff_count" integer,
	"planned_from" date NOT NULL,
	"planned_to" date NOT NULL,
	"note" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"done_on" date,
	"checked_count" integer,
	"violations_found" integer,
	"staff_handled" integer,
	"referred" integer,
	"findings" text,
	"measures" text,
	"cancel_reason" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "self_inspections_status_check" CHECK ("self_inspections"."status" in ('planned', 'done', 'cancelled')),
	CONSTRAINT "self_inspections_period_check" CHECK ("self_inspections"."planned_to" >= "self_inspections"."planned_from"),
	CONSTRAINT "self_inspections_done_check" CHECK ("self_inspections"."status" <> 'done' or "self_inspections"."done_on" is not null)
);
--> statement-breakpoint
ALTER TABLE "self_inspections" ADD CONSTRAINT "self_inspections_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_inspections" ADD CONSTRAINT "self_inspections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "self_inspections_unit_idx" ON "self_inspections" USING btree ("unit_id","year");--> statement-breakpoint
CREATE INDEX "self_inspections_open_idx" ON "self_inspections" USING btree ("planned_to") WHERE "self_inspections"."status" = 'planned';