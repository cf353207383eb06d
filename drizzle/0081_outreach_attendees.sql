CREATE TABLE "outreach_attendees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"full_name" text NOT NULL,
	"agency" text,
	"position" text,
	"staff" boolean DEFAULT false NOT NULL,
	"person_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outreach_attendees" ADD CONSTRAINT "outreach_attendees_event_id_outreach_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."outreach_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "outreach_attendees_person_idx" ON "outreach_attendees" USING btree ("event_id","person_key");