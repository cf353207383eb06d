CREATE TABLE "inspection_members" (
	"inspection_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "inspection_members_inspection_id_user_id_pk" PRIMARY KEY("inspection_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "inspection_plan_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"by" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"decision_no" text,
	"decision_date" date,
	"created_by" uuid,
	"approved_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspection_plans_status_check" CHECK ("inspection_plans"."status" in ('draft', 'approved'))
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid,
	"unit_id" uuid NOT NULL,
	"subject_unit_id" uuid,
	"subject_name" text,
	"title" text NOT NULL,
	"period_from" date,
	"period_to" date,
	"quarter" integer,
	"team_size" integer,
	"legal_ground" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"decision_no" text,
	"decision_date" date,
	"on_site_from" date,
	"results_on" date,
	"draft_assigned_on" date,
	"draft_received_on" date,
	"conclusion_no" text,
	"concluded_on" date,
	"directed_on" date,
	"summary" text,
	"wrongdoing_vnd" bigint,
	"to_recover_vnd" bigint,
	"cancelled_reason" text,
	"next_due_on" date,
	"created_by" uuid,
	"draft_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspections_status_check" CHECK ("inspections"."status" in ('planned', 'decided', 'reported', 'concluded', 'directed', 'cancelled')),
	CONSTRAINT "inspections_subject_check" CHECK ("inspections"."subject_unit_id" is not null or "inspections"."subject_name" is not null)
);
--> statement-breakpoint
CREATE TABLE "recommendation_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"status" text NOT NULL,
	"note" text NOT NULL,
	"evidence_file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"by" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recommendations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_kind" text NOT NULL,
	"source_id" uuid NOT NULL,
	"issuer_unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"content" text NOT NULL,
	"owner_unit_id" uuid,
	"owner_outside" text,
	"owner_contact" text,
	"amount_vnd" bigint,
	"issued_on" date NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendations_owner_check" CHECK ("recommendations"."owner_unit_id" is not null or "recommendations"."owner_outside" is not null),
	CONSTRAINT "recommendations_status_check" CHECK ("recommendations"."status" in ('open', 'in_progress', 'reported_done', 'closed', 'not_done'))
);
--> statement-breakpoint
ALTER TABLE "deadline_rules" ADD COLUMN "confirmed" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "inspection_members" ADD CONSTRAINT "inspection_members_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_members" ADD CONSTRAINT "inspection_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_plan_changes" ADD CONSTRAINT "inspection_plan_changes_plan_id_inspection_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."inspection_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_plan_changes" ADD CONSTRAINT "inspection_plan_changes_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_plan_changes" ADD CONSTRAINT "inspection_plan_changes_by_users_id_fk" FOREIGN KEY ("by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD CONSTRAINT "inspection_plans_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD CONSTRAINT "inspection_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD CONSTRAINT "inspection_plans_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_plan_id_inspection_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."inspection_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_subject_unit_id_units_id_fk" FOREIGN KEY ("subject_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_draft_by_users_id_fk" FOREIGN KEY ("draft_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_updates" ADD CONSTRAINT "recommendation_updates_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_updates" ADD CONSTRAINT "recommendation_updates_by_users_id_fk" FOREIGN KEY ("by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_issuer_unit_id_units_id_fk" FOREIGN KEY ("issuer_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_plans_unit_year_idx" ON "inspection_plans" USING btree ("unit_id","year");--> statement-breakpoint
CREATE INDEX "inspections_unit_idx" ON "inspections" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "inspections_plan_idx" ON "inspections" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "recommendation_updates_rec_idx" ON "recommendation_updates" USING btree ("recommendation_id");--> statement-breakpoint
CREATE INDEX "recommendations_owner_idx" ON "recommendations" USING btree ("owner_unit_id");--> statement-breakpoint
CREATE INDEX "recommendations_issuer_idx" ON "recommendations" USING btree ("issuer_unit_id");--> statement-breakpoint
CREATE INDEX "recommendations_source_idx" ON "recommendations" USING btree ("source_id");