CREATE TABLE "started_clocks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"code" text NOT NULL,
	"rule_id" uuid NOT NULL,
	"start_on" date NOT NULL,
	"due_on" date NOT NULL,
	"extensions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"done_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "started_clocks" ADD CONSTRAINT "started_clocks_rule_id_deadline_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."deadline_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "started_clocks_subject_idx" ON "started_clocks" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "started_clocks_rule_open_idx" ON "started_clocks" USING btree ("rule_id") WHERE done_on is null;--> statement-breakpoint
-- Reports' clocks move here as they are (same ids: the API's clock ids do not change).
INSERT INTO "started_clocks" ("id", "subject_kind", "subject_id", "code", "rule_id", "start_on", "due_on", "extensions", "done_on", "created_at")
SELECT "id", 'report', "report_id", "code", "rule_id", "start_on", "due_on", "extensions", "done_on", "created_at" FROM "report_clocks";--> statement-breakpoint
-- A unit plan's issue clock, started when the plan it implements was issued, done when it was issued.
INSERT INTO "started_clocks" ("subject_kind", "subject_id", "code", "rule_id", "start_on", "due_on", "done_on", "created_at")
SELECT 'plan', p."id", 'plan.unit_plan', p."due_rule_id",
  coalesce((SELECT (s."issued_at" AT TIME ZONE 'Asia/Ho_Chi_Minh')::date FROM "plans" s WHERE s."id" = p."source_plan_id"), (p."created_at" AT TIME ZONE 'Asia/Ho_Chi_Minh')::date),
  p."due_date",
  CASE WHEN p."issued_at" IS NULL THEN NULL ELSE (p."issued_at" AT TIME ZONE 'Asia/Ho_Chi_Minh')::date END,
  p."created_at"
FROM "plans" p WHERE p."due_rule_id" IS NOT NULL AND p."due_date" IS NOT NULL;--> statement-breakpoint
-- Each unit's self-assessment clock, started when its campaign opened, done when it was submitted.
INSERT INTO "started_clocks" ("subject_kind", "subject_id", "code", "rule_id", "start_on", "due_on", "done_on", "created_at")
SELECT 'assessment', a."id", 'assessment.self', c."self_due_rule_id", (c."opened_at" AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, c."self_due",
  CASE WHEN a."submitted_at" IS NULL THEN NULL ELSE (a."submitted_at" AT TIME ZONE 'Asia/Ho_Chi_Minh')::date END,
  a."created_at"
FROM "assessments" a JOIN "campaigns" c ON c."id" = a."campaign_id"
WHERE c."self_due_rule_id" IS NOT NULL AND c."self_due" IS NOT NULL AND c."opened_at" IS NOT NULL;
