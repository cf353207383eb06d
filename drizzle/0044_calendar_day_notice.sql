ALTER TABLE "calendar_days" ADD COLUMN "notice_no" text;--> statement-breakpoint
ALTER TABLE "calendar_days" ADD COLUMN "notice_date" date;