-- Email is written to public.email_outbox by the database, in the same
-- transaction as the change it tells someone about: a change that rolls back
-- sends nothing, and one that commits cannot lose its email. lib/email/
-- delivers the rows. No tenant role reads or writes the outbox directly.
REVOKE ALL ON public.email_outbox, public.email_preferences FROM authenticated;
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN
    REVOKE ALL ON public.email_outbox, public.email_preferences FROM anon;
  END IF;
END
$$;
--> statement-breakpoint
ALTER TABLE public.email_outbox ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.email_preferences ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint

-- Queues one email. `optional`: a notice the addressee may have turned off on
-- /account; invitations and billing failures are never optional.
CREATE OR REPLACE FUNCTION tenantry.enqueue_email(
  email_kind text, organization uuid, invitation uuid, addressee uuid, to_address text, details jsonb, optional boolean
) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  IF to_address IS NULL THEN
    RETURN;
  END IF;
  IF optional AND addressee IS NOT NULL AND EXISTS (
    SELECT 1 FROM public.email_preferences e WHERE e.user_id = addressee AND NOT e.optional_notices
  ) THEN
    RETURN;
  END IF;
  INSERT INTO public.email_outbox (kind, organization_id, invitation_id, to_email, payload)
  VALUES (email_kind, organization, invitation, to_address, details);
END
$$;
--> statement-breakpoint

-- What every email about an organization shows: its name and where it lives.
CREATE OR REPLACE FUNCTION tenantry.email_context(organization uuid, actor uuid) RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT jsonb_build_object(
    'organization_name', o.name,
    'organization_slug', o.slug,
    'actor_name', coalesce(p.full_name, p.email)
  )
  FROM public.organizations o
  LEFT JOIN public.profiles p ON p.id = actor
  WHERE o.id = organization
$$;
--> statement-breakpoint

-- Every membership change is audited by the function that makes it
-- (0006_tenant_rules.sql), so the audit row is the one place each change is
-- seen, whichever way it was made (the app or the Data API).
CREATE OR REPLACE FUNCTION tenantry.email_on_audit_event() RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  context jsonb := tenantry.email_context(NEW.organization_id, NEW.actor_id);
  invitation public.invitations;
  member public.profiles;
BEGIN
  IF context IS NULL THEN
    RETURN NULL;
  END IF;
  IF NEW.action IN ('invitation.created', 'invitation.accepted') THEN
    SELECT * INTO invitation FROM public.invitations i WHERE i.id = NEW.target_id::uuid;
    IF NEW.action = 'invitation.created' THEN
      PERFORM tenantry.enqueue_email('invitation', NEW.organization_id, invitation.id, NULL, invitation.email,
        context || jsonb_build_object('role', invitation.role, 'expires_at', invitation.expires_at,
          'inviter_email', (SELECT p.email FROM public.profiles p WHERE p.id = NEW.actor_id)), false);
    ELSIF invitation.invited_by IS NOT NULL AND invitation.invited_by <> NEW.actor_id THEN
      SELECT * INTO member FROM public.profiles p WHERE p.id = invitation.invited_by;
      PERFORM tenantry.enqueue_email('invitation_accepted', NEW.organization_id, invitation.id, member.id, member.email,
        context || jsonb_build_object('role', invitation.role, 'member_email', invitation.email), true);
    END IF;
  ELSIF NEW.action IN ('member.role_changed', 'member.removed', 'organization.ownership_transferred') THEN
    SELECT * INTO member FROM public.profiles p WHERE p.id = NEW.target_id::uuid;
    PERFORM tenantry.enqueue_email(
      CASE NEW.action WHEN 'member.role_changed' THEN 'role_changed'
                      WHEN 'member.removed' THEN 'member_removed'
                      ELSE 'ownership_transferred' END,
      NEW.organization_id, NULL, member.id, member.email,
      context || jsonb_build_object('role', coalesce(NEW.details ->> 'to', 'owner'), 'previous_role',
        coalesce(NEW.details ->> 'from', NEW.details ->> 'previous_role', NEW.details ->> 'role')), true);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_email AFTER INSERT ON public.audit_events
  FOR EACH ROW EXECUTE FUNCTION tenantry.email_on_audit_event();
--> statement-breakpoint

-- Before the cascade takes the memberships: everyone but the owner who
-- deleted it hears that the organization is gone.
CREATE OR REPLACE FUNCTION tenantry.email_on_organization_deleted() RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  context jsonb := tenantry.email_context(OLD.id, tenantry.current_user_id());
  member record;
BEGIN
  FOR member IN
    SELECT p.id, p.email FROM public.memberships m JOIN public.profiles p ON p.id = m.user_id
    WHERE m.organization_id = OLD.id AND m.user_id IS DISTINCT FROM tenantry.current_user_id()
  LOOP
    PERFORM tenantry.enqueue_email('organization_deleted', OLD.id, NULL, member.id, member.email, context, true);
  END LOOP;
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_email_on_delete BEFORE DELETE ON public.organizations
  FOR EACH ROW EXECUTE FUNCTION tenantry.email_on_organization_deleted();
--> statement-breakpoint

-- Subscription rows are rewritten from Stripe on every webhook; an email goes
-- when the status moves into past_due (always: the owners must act) or
-- canceled (an optional notice), not on every rewrite.
CREATE OR REPLACE FUNCTION tenantry.email_on_subscription_status() RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  previous text := CASE WHEN TG_OP = 'UPDATE' THEN OLD.status END;
  context jsonb;
  manager record;
BEGIN
  IF NEW.status IS NOT DISTINCT FROM previous OR NEW.status NOT IN ('past_due', 'canceled') THEN
    RETURN NULL;
  END IF;
  context := tenantry.email_context(NEW.organization_id, NULL) || jsonb_build_object('plan', NEW.plan);
  FOR manager IN
    SELECT p.id, p.email FROM public.memberships m JOIN public.profiles p ON p.id = m.user_id
    WHERE m.organization_id = NEW.organization_id AND m.role IN ('owner', 'admin')
  LOOP
    PERFORM tenantry.enqueue_email(
      CASE NEW.status WHEN 'past_due' THEN 'payment_failed' ELSE 'subscription_cancelled' END,
      NEW.organization_id, NULL, manager.id, manager.email, context, NEW.status = 'canceled');
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER subscriptions_email_on_status AFTER INSERT OR UPDATE OF status ON public.subscriptions
  FOR EACH ROW EXECUTE FUNCTION tenantry.email_on_subscription_status();
--> statement-breakpoint

-- "Resend" from the Members page: the old link stops working (the invitation
-- is revoked) and a new one, with a new token and a fresh expiry, is made and
-- emailed. The token is never updated in place: an invitation's token never changes.
CREATE OR REPLACE FUNCTION tenantry.resend_invitation(organization uuid, invitation uuid)
RETURNS TABLE (invitation_id uuid, token text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  target public.invitations;
BEGIN
  -- Checks the caller is an admin, and refuses an accepted invitation.
  PERFORM tenantry.revoke_invitation(organization, invitation);
  SELECT * INTO target FROM public.invitations i WHERE i.id = invitation;
  RETURN QUERY SELECT c.invitation_id, c.token FROM tenantry.create_invitation(organization, target.email, target.role) c;
END
$$;
--> statement-breakpoint

-- The app seals the token tenantry.create_invitation returned (AES-GCM under
-- OUTBOX_SECRET) and hands it to the invitation's email in the same
-- transaction. Only an admin of the invitation's organization, only once,
-- only while the email is unsent; a value sealed under another key is not
-- usable, and the email then links to the dashboard, where the addressee
-- accepts by their verified email.
CREATE OR REPLACE FUNCTION tenantry.attach_invitation_token(invitation uuid, sealed text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  organization uuid := (SELECT i.organization_id FROM public.invitations i WHERE i.id = invitation);
BEGIN
  IF organization IS NULL THEN
    PERFORM tenantry.fail('not_found', 'Invitation not found');
  END IF;
  PERFORM tenantry.require_role(organization, 'admin');
  UPDATE public.email_outbox SET sealed_token = sealed
  WHERE invitation_id = invitation AND kind = 'invitation' AND status = 'pending' AND sealed_token IS NULL;
END
$$;
--> statement-breakpoint

-- Invitation emails that could not be delivered, for the organization's
-- admins (the Members page shows "invitation email bounced"), while the
-- invitation is still pending: a resend or a revoke clears the notice.
CREATE OR REPLACE FUNCTION tenantry.email_failures(organization uuid)
RETURNS TABLE (id uuid, kind text, invitation_id uuid, to_email text, last_error text, failed_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = '' AS $$
BEGIN
  PERFORM tenantry.require_role(organization, 'admin');
  RETURN QUERY SELECT e.id, e.kind, e.invitation_id, e.to_email, e.last_error, e.next_attempt_at
  FROM public.email_outbox e
  JOIN public.invitations i ON i.id = e.invitation_id
  WHERE e.organization_id = organization AND e.status = 'failed' AND e.kind = 'invitation'
    AND i.accepted_at IS NULL AND i.revoked_at IS NULL
  ORDER BY e.created_at DESC LIMIT 50;
END
$$;
--> statement-breakpoint

-- The caller's own choice about optional notices (/account).
CREATE OR REPLACE FUNCTION tenantry.set_optional_notices(enabled boolean) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' AS $$
DECLARE
  caller uuid := tenantry.current_user_id();
BEGIN
  IF caller IS NULL THEN
    PERFORM tenantry.fail('unauthorized', 'Sign in to change your email settings.');
  END IF;
  INSERT INTO public.email_preferences (user_id, optional_notices) VALUES (caller, enabled)
  ON CONFLICT (user_id) DO UPDATE SET optional_notices = enabled, updated_at = now();
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tenantry.optional_notices_enabled() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
  SELECT coalesce((SELECT e.optional_notices FROM public.email_preferences e WHERE e.user_id = tenantry.current_user_id()), true)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tenantry.enqueue_email(text, uuid, uuid, uuid, text, jsonb, boolean), tenantry.email_context(uuid, uuid),
  tenantry.email_on_audit_event(), tenantry.email_on_organization_deleted(), tenantry.email_on_subscription_status(),
  tenantry.resend_invitation(uuid, uuid), tenantry.attach_invitation_token(uuid, text), tenantry.email_failures(uuid),
  tenantry.set_optional_notices(boolean), tenantry.optional_notices_enabled()
  FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tenantry.enqueue_email(text, uuid, uuid, uuid, text, jsonb, boolean), tenantry.email_context(uuid, uuid),
  tenantry.email_on_audit_event(), tenantry.email_on_organization_deleted(), tenantry.email_on_subscription_status()
  FROM authenticated;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tenantry.resend_invitation(uuid, uuid), tenantry.attach_invitation_token(uuid, text),
  tenantry.email_failures(uuid), tenantry.set_optional_notices(boolean), tenantry.optional_notices_enabled()
  TO authenticated;
