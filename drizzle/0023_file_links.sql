CREATE TABLE "file_links" (
	"file_id" uuid NOT NULL,
	"owner_type" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "file_links_file_id_owner_type_owner_id_pk" PRIMARY KEY("file_id","owner_type","owner_id")
);
--> statement-breakpoint
ALTER TABLE "file_links" ADD CONSTRAINT "file_links_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "file_links_owner_idx" ON "file_links" USING btree ("owner_type","owner_id");--> statement-breakpoint
-- The records that already hold files (ADR 0020): plans' signed copies, progress reports' and
-- assessments' evidence. Ids that name no file are left out, as the services never stored them.
INSERT INTO "file_links" ("file_id", "owner_type", "owner_id")
SELECT p."signed_file_id", 'plan', p."id" FROM "plans" p
WHERE p."signed_file_id" IS NOT NULL
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "file_links" ("file_id", "owner_type", "owner_id")
SELECT f."id", 'progress_report', r."id"
FROM "progress_reports" r
CROSS JOIN LATERAL jsonb_array_elements_text(r."evidence_file_ids") AS e(file_id)
JOIN "files" f ON f."id"::text = e.file_id
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "file_links" ("file_id", "owner_type", "owner_id")
SELECT f."id", 'assessment', a."assessment_id"
FROM "answers" a
CROSS JOIN LATERAL jsonb_array_elements_text(a."evidence_file_ids") AS e(file_id)
JOIN "files" f ON f."id"::text = e.file_id
ON CONFLICT DO NOTHING;
