ALTER TABLE "declarations" ADD COLUMN "channel" text DEFAULT 'electronic' NOT NULL;--> statement-breakpoint
ALTER TABLE "declarations" ADD COLUMN "entered_by" uuid;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_channel_check" CHECK ("declarations"."channel" in ('electronic', 'paper'));