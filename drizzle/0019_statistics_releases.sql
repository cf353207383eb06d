CREATE TABLE "statistics_releases" (
	"through" date PRIMARY KEY NOT NULL,
	"tables" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
