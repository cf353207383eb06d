-- A case's damage is unknown (null) until determined: 0 said both "none" and "not yet known" (issue 17).
ALTER TABLE "cases" ALTER COLUMN "damage_vnd" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "damage_vnd" DROP NOT NULL;