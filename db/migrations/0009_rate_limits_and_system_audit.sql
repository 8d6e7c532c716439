CREATE TABLE "rate_limit_counters" (
	"bucket" text NOT NULL,
	"key" text NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rate_limit_counters_bucket_key_pk" PRIMARY KEY("bucket","key")
);
--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "organization_id" DROP NOT NULL;--> statement-breakpoint
CREATE INDEX "rate_limit_counters_expires_index" ON "rate_limit_counters" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "audit_events_system_created_index" ON "audit_events" USING btree ("created_at" DESC NULLS LAST) WHERE "audit_events"."organization_id" is null;