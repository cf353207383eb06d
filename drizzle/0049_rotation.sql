CREATE TABLE "rotation_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"user_id" uuid,
	"person_name" text NOT NULL,
	"position_code" text NOT NULL,
	"assigned_on" date NOT NULL,
	"decision_no" text,
	"probation_months" integer DEFAULT 0 NOT NULL,
	"retires_on" date,
	"due_on" date NOT NULL,
	"ended_on" date,
	"rotated" boolean,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rotation_assignments_probation_check" CHECK ("rotation_assignments"."probation_months" between 0 and 24)
);
--> statement-breakpoint
CREATE TABLE "rotation_deferrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"from_on" date NOT NULL,
	"until_on" date,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rotation_deferrals_reason_check" CHECK ("rotation_deferrals"."reason" in ('disciplinary_review', 'under_investigation', 'serious_illness', 'full_time_study', 'secondment', 'pregnancy_or_young_child', 'leading_inspection_team'))
);
--> statement-breakpoint
CREATE TABLE "rotation_plan_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"assignment_id" uuid NOT NULL,
	"planned_on" date NOT NULL,
	"to_position" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"done_on" date,
	"decision_no" text,
	"reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "rotation_plan_items_status_check" CHECK ("rotation_plan_items"."status" in ('planned', 'done', 'not_done'))
);
--> statement-breakpoint
CREATE TABLE "rotation_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"stage" text DEFAULT 'draft' NOT NULL,
	"content" text NOT NULL,
	"issued_on" date,
	"decision_no" text,
	"published_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rotation_plans_stage_check" CHECK ("rotation_plans"."stage" in ('draft', 'issued', 'published'))
);
--> statement-breakpoint
CREATE TABLE "rotation_positions" (
	"code" text PRIMARY KEY NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"sector" text NOT NULL,
	"period_years" integer NOT NULL,
	"min_years" integer NOT NULL,
	"max_years" integer NOT NULL,
	"legal_source" text NOT NULL,
	CONSTRAINT "rotation_positions_period_check" CHECK ("rotation_positions"."min_years" <= "rotation_positions"."period_years" and "rotation_positions"."period_years" <= "rotation_positions"."max_years")
);
--> statement-breakpoint
ALTER TABLE "rotation_assignments" ADD CONSTRAINT "rotation_assignments_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rotation_assignments" ADD CONSTRAINT "rotation_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rotation_assignments" ADD CONSTRAINT "rotation_assignments_position_code_rotation_positions_code_fk" FOREIGN KEY ("position_code") REFERENCES "public"."rotation_positions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rotation_deferrals" ADD CONSTRAINT "rotation_deferrals_assignment_id_rotation_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."rotation_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rotation_deferrals" ADD CONSTRAINT "rotation_deferrals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rotation_plan_items" ADD CONSTRAINT "rotation_plan_items_plan_id_rotation_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."rotation_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rotation_plan_items" ADD CONSTRAINT "rotation_plan_items_assignment_id_rotation_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."rotation_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rotation_plans" ADD CONSTRAINT "rotation_plans_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rotation_assignments_due_idx" ON "rotation_assignments" USING btree ("due_on") WHERE "rotation_assignments"."ended_on" is null;--> statement-breakpoint
CREATE INDEX "rotation_assignments_unit_idx" ON "rotation_assignments" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "rotation_deferrals_assignment_idx" ON "rotation_deferrals" USING btree ("assignment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rotation_plan_items_plan_assignment_idx" ON "rotation_plan_items" USING btree ("plan_id","assignment_id");--> statement-breakpoint
CREATE INDEX "rotation_plan_items_assignment_idx" ON "rotation_plan_items" USING btree ("assignment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rotation_plans_unit_year_idx" ON "rotation_plans" USING btree ("unit_id","year");