CREATE TABLE "key_task_groups" (
	"code" text PRIMARY KEY NOT NULL,
	"ordinal" integer NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_item_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_item_units" (
	"item_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "plan_item_units_item_id_unit_id_pk" PRIMARY KEY("item_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "plan_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"parent_id" uuid,
	"source_item_id" uuid,
	"ordinal" integer DEFAULT 0 NOT NULL,
	"group_code" text NOT NULL,
	"content" text NOT NULL,
	"lead_unit_id" uuid,
	"deadline" date,
	"recurrence" text,
	"expected_output" text,
	"indicator" text,
	"target" text,
	"status" text DEFAULT 'not_started' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_items_progress_check" CHECK ("plan_items"."progress" between 0 and 100),
	CONSTRAINT "plan_items_status_check" CHECK ("plan_items"."status" in ('not_started', 'in_progress', 'done', 'cancelled')),
	CONSTRAINT "plan_items_recurrence_check" CHECK ("plan_items"."recurrence" is null or "plan_items"."recurrence" in ('monthly', 'quarterly', 'period'))
);
--> statement-breakpoint
CREATE TABLE "plan_versions" (
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by" uuid,
	CONSTRAINT "plan_versions_plan_id_version_pk" PRIMARY KEY("plan_id","version")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"source_plan_id" uuid,
	"title" text NOT NULL,
	"doc_number" text,
	"doc_date" date,
	"signer" text,
	"signed_file_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"issued_version" integer DEFAULT 0 NOT NULL,
	"issued_at" timestamp with time zone,
	"due_date" date,
	"due_rule_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_status_check" CHECK ("plans"."status" in ('draft', 'issued', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "progress_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"period" text NOT NULL,
	"status" text NOT NULL,
	"progress" integer NOT NULL,
	"result" text NOT NULL,
	"evidence_file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"review" text DEFAULT 'submitted' NOT NULL,
	"review_comment" text,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "progress_reports_progress_check" CHECK ("progress_reports"."progress" between 0 and 100),
	CONSTRAINT "progress_reports_review_check" CHECK ("progress_reports"."review" in ('submitted', 'accepted', 'returned'))
);
--> statement-breakpoint
ALTER TABLE "plan_item_comments" ADD CONSTRAINT "plan_item_comments_item_id_plan_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_item_comments" ADD CONSTRAINT "plan_item_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_item_units" ADD CONSTRAINT "plan_item_units_item_id_plan_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."plan_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_item_units" ADD CONSTRAINT "plan_item_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_parent_id_plan_items_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_source_item_id_plan_items_id_fk" FOREIGN KEY ("source_item_id") REFERENCES "public"."plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_group_code_key_task_groups_code_fk" FOREIGN KEY ("group_code") REFERENCES "public"."key_task_groups"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_lead_unit_id_units_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_source_plan_id_plans_id_fk" FOREIGN KEY ("source_plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_signed_file_id_files_id_fk" FOREIGN KEY ("signed_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_due_rule_id_deadline_rules_id_fk" FOREIGN KEY ("due_rule_id") REFERENCES "public"."deadline_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_item_id_plan_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_item_comments_item_idx" ON "plan_item_comments" USING btree ("item_id","created_at");--> statement-breakpoint
CREATE INDEX "plan_item_units_unit_idx" ON "plan_item_units" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "plan_items_plan_idx" ON "plan_items" USING btree ("plan_id","ordinal");--> statement-breakpoint
CREATE INDEX "plan_items_parent_idx" ON "plan_items" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "plan_items_source_idx" ON "plan_items" USING btree ("source_item_id");--> statement-breakpoint
CREATE INDEX "plan_items_lead_idx" ON "plan_items" USING btree ("lead_unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_unit_year_idx" ON "plans" USING btree ("unit_id","year");--> statement-breakpoint
CREATE INDEX "plans_source_idx" ON "plans" USING btree ("source_plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "progress_item_period_idx" ON "progress_reports" USING btree ("item_id","period");