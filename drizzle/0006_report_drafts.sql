CREATE TABLE "report_draft_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lookup" text NOT NULL,
	"meta" "bytea" NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "report_draft_files_lookup_idx" ON "report_draft_files" USING btree ("lookup");--> statement-breakpoint
CREATE INDEX "report_draft_files_created_idx" ON "report_draft_files" USING btree ("created_at");