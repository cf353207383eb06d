ALTER TABLE "verification_cases" ADD COLUMN "sanction_outcome" text;--> statement-breakpoint
ALTER TABLE "verification_cases" ADD COLUMN "sanction_decided_on" date;--> statement-breakpoint
ALTER TABLE "verification_cases" ADD COLUMN "sanction_decision_ref" text;