ALTER TABLE "rotation_assignments" ADD COLUMN "end_decision_no" text;--> statement-breakpoint
ALTER TABLE "rotation_assignments" ADD COLUMN "end_note" text;