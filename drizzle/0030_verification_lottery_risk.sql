CREATE TABLE "declaration_risks" (
	"declaration_id" uuid PRIMARY KEY NOT NULL,
	"score" integer NOT NULL,
	"hits" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_rules" (
	"code" text PRIMARY KEY NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"explanation_vi" text NOT NULL,
	"explanation_en" text NOT NULL,
	"source" text NOT NULL,
	"weight" integer NOT NULL,
	"threshold" integer,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_rules_weight_check" CHECK ("risk_rules"."weight" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "verification_candidates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"declaration_id" uuid,
	"position_name" text,
	"leader" boolean DEFAULT false NOT NULL,
	"excluded_reason" text,
	"excluded_note" text,
	"selected" boolean DEFAULT false NOT NULL,
	CONSTRAINT "verification_candidates_excluded_check" CHECK ("verification_candidates"."excluded_reason" is null or "verification_candidates"."excluded_reason" in ('no_declaration', 'verified_recently', 'investigation', 'illness', 'abroad', 'other')),
	CONSTRAINT "verification_candidates_declaration_check" CHECK ("verification_candidates"."excluded_reason" is not null or "verification_candidates"."declaration_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "verification_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"control_unit_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"declaration_id" uuid NOT NULL,
	"ground" text NOT NULL,
	"plan_id" uuid,
	"ground_note" text,
	"ground_known_on" date NOT NULL,
	"decision_due_on" date NOT NULL,
	"decided_on" date,
	"decision_ref" text,
	"team" jsonb,
	"report_due_on" date,
	"report_extended" boolean DEFAULT false NOT NULL,
	"reported_on" date,
	"conclusion_due_on" date,
	"conclusion_extended" boolean DEFAULT false NOT NULL,
	"concluded_on" date,
	"conclusion" text,
	"conclusion_note" text,
	"sanction" text,
	"publication_due_on" date,
	"published_on" date,
	"published_where" text,
	"status" text DEFAULT 'opened' NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "verification_cases_ground_check" CHECK ("verification_cases"."ground" in ('lottery', 'dishonesty', 'unexplained_increase', 'denunciation', 'request')),
	CONSTRAINT "verification_cases_status_check" CHECK ("verification_cases"."status" in ('opened', 'decided', 'reported', 'concluded', 'published'))
);
--> statement-breakpoint
CREATE TABLE "verification_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"issued_on" date NOT NULL,
	"draw_due_on" date NOT NULL,
	"unit_share_percent" integer NOT NULL,
	"person_share_percent" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"seed" text,
	"seed_hash" text,
	"inputs" jsonb,
	"commitment" text,
	"committed_at" timestamp with time zone,
	"witnesses" jsonb,
	"result" jsonb,
	"minutes_ref" text,
	"drawn_at" timestamp with time zone,
	"drawn_by" uuid,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "verification_plans_status_check" CHECK ("verification_plans"."status" in ('draft', 'committed', 'drawn')),
	CONSTRAINT "verification_plans_share_check" CHECK ("verification_plans"."unit_share_percent" between 1 and 100 and "verification_plans"."person_share_percent" between 1 and 100)
);
--> statement-breakpoint
ALTER TABLE "declaration_risks" ADD CONSTRAINT "declaration_risks_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_candidates" ADD CONSTRAINT "verification_candidates_plan_id_verification_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."verification_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_candidates" ADD CONSTRAINT "verification_candidates_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_candidates" ADD CONSTRAINT "verification_candidates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_candidates" ADD CONSTRAINT "verification_candidates_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_cases" ADD CONSTRAINT "verification_cases_control_unit_id_units_id_fk" FOREIGN KEY ("control_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_cases" ADD CONSTRAINT "verification_cases_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_cases" ADD CONSTRAINT "verification_cases_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_cases" ADD CONSTRAINT "verification_cases_plan_id_verification_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."verification_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_cases" ADD CONSTRAINT "verification_cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_plans" ADD CONSTRAINT "verification_plans_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_plans" ADD CONSTRAINT "verification_plans_drawn_by_users_id_fk" FOREIGN KEY ("drawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_plans" ADD CONSTRAINT "verification_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "declaration_risks_score_idx" ON "declaration_risks" USING btree ("score");--> statement-breakpoint
CREATE UNIQUE INDEX "verification_candidates_plan_user_idx" ON "verification_candidates" USING btree ("plan_id","user_id");--> statement-breakpoint
CREATE INDEX "verification_cases_user_idx" ON "verification_cases" USING btree ("user_id","decided_on");--> statement-breakpoint
CREATE INDEX "verification_cases_control_idx" ON "verification_cases" USING btree ("control_unit_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "verification_plans_unit_year_idx" ON "verification_plans" USING btree ("unit_id","year");