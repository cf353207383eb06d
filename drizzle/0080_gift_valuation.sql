ALTER TABLE "gifts" DROP CONSTRAINT "gifts_amounts_check";--> statement-breakpoint
ALTER TABLE "gifts" ADD COLUMN "valued_vnd" bigint;--> statement-breakpoint
ALTER TABLE "gifts" ADD CONSTRAINT "gifts_amounts_check" CHECK (coalesce("gifts"."value_vnd", 0) >= 0 and coalesce("gifts"."valued_vnd", 0) >= 0 and coalesce("gifts"."proceeds_vnd", 0) >= 0
        and coalesce("gifts"."costs_vnd", 0) >= 0 and coalesce("gifts"."remitted_vnd", 0) >= 0);--> statement-breakpoint
-- Gifts valued before this column existed: their valuation had replaced the reported value (which is lost).
UPDATE "gifts" SET "valued_vnd" = "value_vnd" WHERE "valuation_method" IS NOT NULL;
