ALTER TABLE "unit_contacts" ADD COLUMN "remote_area" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "first_decision_no" text;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "first_decision_date" date;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "first_decision_by" text;