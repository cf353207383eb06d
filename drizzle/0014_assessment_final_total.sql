ALTER TABLE "assessments" ADD COLUMN "final_total" numeric(10, 2);--> statement-breakpoint
UPDATE "assessments" a SET "final_total" = (
  SELECT coalesce(sum(coalesce(x."review_score", x."self_score")), 0) FROM "answers" x WHERE x."assessment_id" = a."id"
) WHERE a."status" = 'finalised';
