CREATE TABLE "report_step_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"code" text NOT NULL,
	"on" date NOT NULL,
	"document_no" text,
	"document_date" date,
	"file_id" uuid,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_step_records" ADD CONSTRAINT "report_step_records_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "report_step_records_report_code_idx" ON "report_step_records" USING btree ("report_id","code");--> statement-breakpoint
-- Steps marked done before this table existed (their clocks' "done" is in the audit trail, which also
-- tells them from clocks finished by closing the report) become records, so reporters keep seeing them.
INSERT INTO "report_step_records" ("report_id", "code", "on", "recorded_by")
SELECT DISTINCT ON (r.id, c.step) r.id, c.step, (e.changes->>'doneOn')::date,
  coalesce(e.actor_id, r.handler_id, '00000000-0000-0000-0000-000000000000'::uuid)
FROM "audit_events" e
JOIN (VALUES ('denunciation.notify_acceptance', 'acceptance_notified'),
             ('denunciation.send_conclusion', 'conclusion_sent'),
             ('denunciation.publish_conclusion', 'conclusion_published')) AS c(clock, step)
  ON c.clock = e.changes->>'clock'
JOIN "reports" r ON r.id::text = e.entity_id
WHERE e.action = 'report.step_done' AND e.changes ? 'doneOn'
ORDER BY r.id, c.step, e.seq
ON CONFLICT DO NOTHING;
