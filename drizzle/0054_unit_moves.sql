CREATE TABLE "unit_moves" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"from_parent_id" uuid,
	"to_parent_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_moves_status_check" CHECK ("unit_moves"."status" in ('pending', 'approved', 'rejected', 'cancelled'))
);
--> statement-breakpoint
ALTER TABLE "unit_moves" ADD CONSTRAINT "unit_moves_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_moves" ADD CONSTRAINT "unit_moves_from_parent_id_units_id_fk" FOREIGN KEY ("from_parent_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_moves" ADD CONSTRAINT "unit_moves_to_parent_id_units_id_fk" FOREIGN KEY ("to_parent_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_moves" ADD CONSTRAINT "unit_moves_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_moves" ADD CONSTRAINT "unit_moves_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "unit_moves_pending_idx" ON "unit_moves" USING btree ("unit_id") WHERE "unit_moves"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "unit_moves_status_idx" ON "unit_moves" USING btree ("status");