CREATE TABLE "declaration_parameters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"amount_vnd" bigint,
	"value" text,
	"legal_source" text NOT NULL,
	"evidence" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "declaration_parameters_value_check" CHECK (("declaration_parameters"."amount_vnd" is null) <> ("declaration_parameters"."value" is null)),
	CONSTRAINT "declaration_parameters_evidence_check" CHECK ("declaration_parameters"."evidence" in ('primary', 'secondary'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "declaration_parameters_code_from_idx" ON "declaration_parameters" USING btree ("code","effective_from");