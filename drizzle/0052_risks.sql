CREATE TABLE "corruption_risks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"process" text NOT NULL,
	"description" text NOT NULL,
	"likelihood" integer NOT NULL,
	"impact" integer NOT NULL,
	"owner" text NOT NULL,
	"controls" text,
	"control_owner" text,
	"review_by" date NOT NULL,
	"last_reviewed_on" date,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "corruption_risks_scale_check" CHECK ("corruption_risks"."likelihood" between 1 and 5 and "corruption_risks"."impact" between 1 and 5),
	CONSTRAINT "corruption_risks_status_check" CHECK ("corruption_risks"."status" in ('open', 'mitigated', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "risk_levels" (
	"level" text PRIMARY KEY NOT NULL,
	"min_score" integer NOT NULL,
	CONSTRAINT "risk_levels_level_check" CHECK ("risk_levels"."level" in ('low', 'medium', 'high', 'critical')),
	CONSTRAINT "risk_levels_score_check" CHECK ("risk_levels"."min_score" between 1 and 25)
);
--> statement-breakpoint
ALTER TABLE "corruption_risks" ADD CONSTRAINT "corruption_risks_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "corruption_risks" ADD CONSTRAINT "corruption_risks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "corruption_risks_unit_idx" ON "corruption_risks" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "corruption_risks_review_idx" ON "corruption_risks" USING btree ("review_by");