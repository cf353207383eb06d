CREATE TABLE "declaration_publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"method" text NOT NULL,
	"started_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"place" text NOT NULL,
	"attendees_called" integer,
	"attendees_present" integer,
	"questions" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "declaration_publications_method_check" CHECK ("declaration_publications"."method" in ('posting', 'meeting')),
	CONSTRAINT "declaration_publications_meeting_check" CHECK ("declaration_publications"."method" = 'posting' or ("declaration_publications"."attendees_present" * 3 >= "declaration_publications"."attendees_called" * 2 and "declaration_publications"."attendees_present" <= "declaration_publications"."attendees_called"))
);
--> statement-breakpoint
ALTER TABLE "declarations" ADD COLUMN "publication_id" uuid;--> statement-breakpoint
ALTER TABLE "declaration_publications" ADD CONSTRAINT "declaration_publications_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_publications" ADD CONSTRAINT "declaration_publications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_publication_id_declaration_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."declaration_publications"("id") ON DELETE no action ON UPDATE no action;