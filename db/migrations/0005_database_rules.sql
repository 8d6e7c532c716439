CREATE TABLE "plan_limits" (
	"plan" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"projects" integer,
	"members" integer
);
--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_email_format" CHECK (char_length("invitations"."email") <= 320 and "invitations"."email" ~ '^[^@[:space:]]+@[^@[:space:]]+$');--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_token_hash_format" CHECK ("invitations"."token_hash" ~ '^[0-9a-f]{64}$');--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_expiry_window" CHECK ("invitations"."expires_at" <= "invitations"."created_at" + interval '30 days');--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_accepted_or_revoked" CHECK ("invitations"."accepted_at" is null or "invitations"."revoked_at" is null);--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_slug_format" CHECK ("organizations"."slug" ~ '^[a-z0-9][a-z0-9-]{1,46}[a-z0-9]$');--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_name_format" CHECK (char_length("organizations"."name") between 1 and 100 and "organizations"."name" !~ '^[[:space:]]|[[:space:]]$');--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_name_format" CHECK (char_length("projects"."name") between 1 and 200 and "projects"."name" !~ '^[[:space:]]|[[:space:]]$');--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_description_length" CHECK (char_length("projects"."description") <= 2000);