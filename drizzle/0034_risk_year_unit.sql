DROP INDEX "declaration_risks_score_idx";--> statement-breakpoint
ALTER TABLE "declaration_risks" ADD COLUMN "year" integer;--> statement-breakpoint
ALTER TABLE "declaration_risks" ADD COLUMN "unit_id" uuid;--> statement-breakpoint
UPDATE "declaration_risks" dr SET "year" = d."year", "unit_id" = d."unit_id" FROM "declarations" d WHERE d."id" = dr."declaration_id";--> statement-breakpoint
ALTER TABLE "declaration_risks" ALTER COLUMN "year" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "declaration_risks" ALTER COLUMN "unit_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "declaration_risks" ADD CONSTRAINT "declaration_risks_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "declaration_risks_year_score_idx" ON "declaration_risks" USING btree ("year","score" DESC NULLS LAST,"declaration_id");--> statement-breakpoint
CREATE INDEX "declaration_risks_year_unit_idx" ON "declaration_risks" USING btree ("year","unit_id");
