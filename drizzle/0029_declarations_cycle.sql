CREATE TABLE "declaration_roster" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"position_name" text,
	"note" text,
	"removed_reason" text,
	"changed_by" uuid,
	"first_reminder_on" date,
	"first_reminder_ref" text,
	"second_reminder_on" date,
	"second_reminder_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "declaration_roster_reason_check" CHECK ("declaration_roster"."reason" in ('position_duty', 'leadership_level', 'added'))
);
--> statement-breakpoint
CREATE TABLE "declaration_roster_sends" (
	"round_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"sent_by" uuid,
	"declarants" integer NOT NULL,
	CONSTRAINT "declaration_roster_sends_round_id_unit_id_pk" PRIMARY KEY("round_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "declaration_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"roster_due_on" date NOT NULL,
	"declare_due_on" date NOT NULL,
	"handover_due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "declaration_rounds_status_check" CHECK ("declaration_rounds"."status" in ('open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "declarations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"round_id" uuid,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"form_code" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"declared_on" date NOT NULL,
	"previous_id" uuid,
	"content" text NOT NULL,
	"summary" jsonb NOT NULL,
	"assets_vnd" bigint DEFAULT 0 NOT NULL,
	"income_vnd" bigint DEFAULT 0 NOT NULL,
	"increase_vnd" bigint,
	"submitted_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"return_reason" text,
	"correction_due_on" date,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	"handover_due_on" date,
	"handed_over_at" timestamp with time zone,
	"handed_over_by" uuid,
	"publication_due_on" date,
	"received_by_control_at" timestamp with time zone,
	"received_by_control_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "declarations_kind_check" CHECK ("declarations"."kind" in ('first_time', 'annual', 'supplementary', 'personnel')),
	CONSTRAINT "declarations_status_check" CHECK ("declarations"."status" in ('draft', 'submitted', 'returned', 'accepted', 'handed_over'))
);
--> statement-breakpoint
ALTER TABLE "positions" ADD COLUMN "leadership_level" text;--> statement-breakpoint
ALTER TABLE "declaration_roster" ADD CONSTRAINT "declaration_roster_round_id_declaration_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."declaration_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_roster" ADD CONSTRAINT "declaration_roster_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_roster" ADD CONSTRAINT "declaration_roster_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_roster" ADD CONSTRAINT "declaration_roster_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_roster_sends" ADD CONSTRAINT "declaration_roster_sends_round_id_declaration_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."declaration_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_roster_sends" ADD CONSTRAINT "declaration_roster_sends_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_roster_sends" ADD CONSTRAINT "declaration_roster_sends_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_rounds" ADD CONSTRAINT "declaration_rounds_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_rounds" ADD CONSTRAINT "declaration_rounds_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_round_id_declaration_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."declaration_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_previous_id_declarations_id_fk" FOREIGN KEY ("previous_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_handed_over_by_users_id_fk" FOREIGN KEY ("handed_over_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_received_by_control_by_users_id_fk" FOREIGN KEY ("received_by_control_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "declaration_roster_round_user_idx" ON "declaration_roster" USING btree ("round_id","user_id");--> statement-breakpoint
CREATE INDEX "declaration_roster_unit_idx" ON "declaration_roster" USING btree ("unit_id","round_id");--> statement-breakpoint
CREATE UNIQUE INDEX "declaration_rounds_unit_year_idx" ON "declaration_rounds" USING btree ("unit_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "declarations_user_kind_year_idx" ON "declarations" USING btree ("user_id","kind","year");--> statement-breakpoint
CREATE INDEX "declarations_unit_idx" ON "declarations" USING btree ("unit_id","year");--> statement-breakpoint
CREATE INDEX "declarations_round_idx" ON "declarations" USING btree ("round_id");--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_leadership_level_check" CHECK ("positions"."leadership_level" in ('head_of_agency', 'deputy_head_of_agency', 'head_of_division', 'deputy_head_of_division'));