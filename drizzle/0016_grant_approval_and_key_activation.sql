ALTER TABLE "grants" ADD COLUMN "status" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "grants" ADD COLUMN "granted_by" uuid;--> statement-breakpoint
ALTER TABLE "grants" ADD COLUMN "decided_by" uuid;--> statement-breakpoint
ALTER TABLE "grants" ADD COLUMN "keys_activated_at" timestamp with time zone DEFAULT now();--> statement-breakpoint
ALTER TABLE "grants" ADD COLUMN "keys_activated_by" uuid;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_keys_activated_by_users_id_fk" FOREIGN KEY ("keys_activated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_status_check" CHECK ("grants"."status" in ('active', 'awaiting_approval'));