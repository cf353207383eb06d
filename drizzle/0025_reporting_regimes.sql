CREATE TABLE "reporting_regimes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"legal_source" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"periods" jsonb NOT NULL,
	"unit_due_day" integer,
	"province_due_day" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reporting_regimes_days_check" CHECK (coalesce("reporting_regimes"."unit_due_day", 1) between 1 and 28 and coalesce("reporting_regimes"."province_due_day", 1) between 1 and 28)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "reporting_regimes_code_idx" ON "reporting_regimes" USING btree ("code");