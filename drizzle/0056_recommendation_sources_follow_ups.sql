ALTER TABLE "recommendations" ALTER COLUMN "source_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "follow_up_of" uuid;--> statement-breakpoint
ALTER TABLE "recommendation_updates" ADD COLUMN "rechecked_by" uuid;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "source_ref" text;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_follow_up_of_inspections_id_fk" FOREIGN KEY ("follow_up_of") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_updates" ADD CONSTRAINT "recommendation_updates_rechecked_by_inspections_id_fk" FOREIGN KEY ("rechecked_by") REFERENCES "public"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_source_check" CHECK ("recommendations"."source_kind" in ('inspection', 'verification', 'audit', 'report') and ("recommendations"."source_kind" in ('inspection', 'verification')) = ("recommendations"."source_id" is not null) and ("recommendations"."source_id" is not null or "recommendations"."source_ref" is not null));