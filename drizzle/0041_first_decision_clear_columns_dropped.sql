ALTER TABLE "reports" DROP COLUMN "first_decision_no";--> statement-breakpoint
ALTER TABLE "reports" DROP COLUMN "first_decision_date";--> statement-breakpoint
ALTER TABLE "reports" DROP COLUMN "first_decision_by";