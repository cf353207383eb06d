CREATE TABLE "departures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"person_name" text NOT NULL,
	"position" text NOT NULL,
	"left_on" date NOT NULL,
	"rule" text NOT NULL,
	"months" integer,
	"project_ends_on" date,
	"cooling_off_until" date NOT NULL,
	"field" text NOT NULL,
	"new_employer_name" text,
	"new_employer_tax_code" text,
	"note" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "departures_rule_check" CHECK ("departures"."rule" in ('finance_nine_fields', 'finance_budget_assets', 'group1', 'group2', 'group3', 'project')),
	CONSTRAINT "departures_period_check" CHECK ("departures"."months" is not null or "departures"."project_ends_on" is not null),
	CONSTRAINT "departures_until_check" CHECK ("departures"."cooling_off_until" >= "departures"."left_on")
);
--> statement-breakpoint
ALTER TABLE "departures" ADD CONSTRAINT "departures_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departures" ADD CONSTRAINT "departures_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "departures_unit_idx" ON "departures" USING btree ("unit_id","left_on");--> statement-breakpoint
CREATE INDEX "departures_tax_code_idx" ON "departures" USING btree ("new_employer_tax_code");