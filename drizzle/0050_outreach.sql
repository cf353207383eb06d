CREATE TABLE "outreach_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"audiences" text[] NOT NULL,
	"participants" integer NOT NULL,
	"staff_trained" integer DEFAULT 0 NOT NULL,
	"materials" text,
	"cost_vnd" bigint DEFAULT 0 NOT NULL,
	"note" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outreach_events_kind_check" CHECK ("outreach_events"."kind" in ('conference', 'training', 'media', 'school_programme', 'social_media', 'contest', 'other')),
	CONSTRAINT "outreach_events_counts_check" CHECK ("outreach_events"."participants" >= 0 and "outreach_events"."staff_trained" between 0 and "outreach_events"."participants" and "outreach_events"."cost_vnd" >= 0)
);
--> statement-breakpoint
ALTER TABLE "outreach_events" ADD CONSTRAINT "outreach_events_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_events" ADD CONSTRAINT "outreach_events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outreach_events_unit_idx" ON "outreach_events" USING btree ("unit_id","started_on");