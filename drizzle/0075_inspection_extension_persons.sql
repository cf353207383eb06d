ALTER TABLE "recovery_items" ADD COLUMN "recommendation_id" uuid;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "on_site_extended_on" date;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "extension_no" text;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "extension_reason" text;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "persons_responsible" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "recovery_items" ADD CONSTRAINT "recovery_items_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE no action ON UPDATE no action;