ALTER TABLE "inspections" ADD COLUMN "decision_file_id" uuid;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "conclusion_file_id" uuid;