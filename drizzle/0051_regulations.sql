CREATE TABLE "regulation_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"document_no" text NOT NULL,
	"title" text NOT NULL,
	"document_kind" text NOT NULL,
	"issuer" text NOT NULL,
	"issuer_level" text NOT NULL,
	"issued_on" date,
	"reviewed_on" date NOT NULL,
	"result" text NOT NULL,
	"gap" text,
	"proposal" text,
	"proposed_to" text,
	"proposed_on" date,
	"status" text DEFAULT 'none' NOT NULL,
	"outcome_on" date,
	"outcome_note" text,
	"systematised" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "regulation_reviews_kind_check" CHECK ("regulation_reviews"."document_kind" in ('law', 'resolution', 'decree', 'decision', 'circular', 'directive', 'provincial_document', 'internal_rule', 'other')),
	CONSTRAINT "regulation_reviews_level_check" CHECK ("regulation_reviews"."issuer_level" in ('central', 'provincial', 'own')),
	CONSTRAINT "regulation_reviews_result_check" CHECK ("regulation_reviews"."result" in ('consistent', 'gap_found', 'outdated')),
	CONSTRAINT "regulation_reviews_status_check" CHECK ("regulation_reviews"."status" in ('none', 'proposed', 'accepted', 'amended', 'rejected')),
	CONSTRAINT "regulation_reviews_gap_check" CHECK ("regulation_reviews"."result" = 'consistent' or "regulation_reviews"."gap" is not null)
);
--> statement-breakpoint
ALTER TABLE "regulation_reviews" ADD CONSTRAINT "regulation_reviews_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regulation_reviews" ADD CONSTRAINT "regulation_reviews_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "regulation_reviews_unit_idx" ON "regulation_reviews" USING btree ("unit_id","reviewed_on");