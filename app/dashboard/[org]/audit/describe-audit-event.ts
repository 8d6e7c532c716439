import type { AuditEventView } from '@/lib/audit/schema';
import { PLANS, type PlanId } from '@/lib/billing/plans';
import { STRIPE_ACTOR_ID } from '@/lib/billing/sync-subscriptions';

/** Who did it: a member's name, "Stripe" for billing changes Stripe reported, or someone who has since left. */
export function describeActor(actorId: string, names: ReadonlyMap<string, string>): string {
  if (actorId === STRIPE_ACTOR_ID) return 'Stripe';
  return names.get(actorId) ?? 'A former member';
}

const ROLE_WORDS: Record<string, string> = { owner: 'an owner', admin: 'an admin', member: 'a member' };
const STATUS_WORDS: Record<string, string> = {
  active: 'active',
  trialing: 'in its trial',
  past_due: 'past due',
  canceled: 'cancelled',
  unpaid: 'unpaid',
  incomplete: 'waiting for its first payment',
  incomplete_expired: 'expired before its first payment',
  paused: 'paused',
};

/** One sentence a person can read, from the event's action and details; never the raw action name. */
export function describeAuditEvent(event: AuditEventView, names: ReadonlyMap<string, string>): string {
  const sentence = describeAction(event, names);
  // api-keys: a write made with an organization API key names the key beside its creator (the actor).
  const apiKey = event.details.api_key as { name?: unknown } | undefined;
  return typeof apiKey?.name === 'string' ? `${sentence.replace(/\.$/, '')}, with the API key “${apiKey.name}”.` : sentence;
}

function describeAction(event: AuditEventView, names: ReadonlyMap<string, string>): string {
  const details = event.details;
  const text = (key: string, from: Record<string, unknown> = details) => (typeof from[key] === 'string' ? (from[key] as string) : undefined);
  const quoted = (value: string | undefined) => (value ? ` “${value}”` : '');
  const role = (value: string | undefined) => (value ? (ROLE_WORDS[value] ?? value) : 'a member');
  const person = names.get(event.target_id) ?? 'a former member';
  const plan = (value: string | undefined) => (value && value in PLANS ? PLANS[value as PlanId].name : 'a paid');
  switch (event.action) {
    case 'organization.created':
      return `Created the organization${quoted(text('name'))}.`;
    case 'organization.updated': {
      const after = (details.after ?? {}) as Record<string, unknown>;
      const changes = [
        typeof after.name === 'string' ? `name to “${after.name}”` : null,
        typeof after.slug === 'string' ? `address to /dashboard/${after.slug}` : null,
      ].filter(Boolean);
      return changes.length > 0 ? `Changed the organization’s ${changes.join(' and its ')}.` : 'Updated the organization.';
    }
    case 'project.created':
      return `Created the project${quoted(text('name'))}.`;
    case 'project.updated': {
      const changes = (details.changes ?? {}) as Record<string, unknown>;
      return typeof changes.name === 'string' ? `Edited the project “${changes.name}”.` : 'Edited a project.';
    }
    case 'project.deleted':
      return `Deleted the project${quoted(text('name'))}.`;
    case 'note.created':
      return 'Added a note.';
    case 'note.updated':
      return 'Edited a note.';
    case 'note.deleted':
      return 'Deleted a note.';
    case 'invitation.created':
      return `Invited ${text('email') ?? 'someone'} to join as ${role(text('role'))}.`;
    case 'invitation.revoked':
      return `Revoked the invitation for ${text('email') ?? 'someone'}.`;
    case 'invitation.accepted':
      return `Accepted an invitation and joined as ${role(text('role'))}.`;
    case 'member.role_changed':
      return `Changed the role of ${person} from ${text('from') ?? 'their old role'} to ${text('to') ?? 'a new one'}.`;
    case 'member.removed':
      return `Removed ${person} from the organization.`;
    case 'member.left':
      return 'Left the organization.';
    case 'api_key.created':
      return `Created the API key${quoted(text('name'))} with ${role(text('role')).replace(/^an? /, 'the ')} role.`;
    case 'api_key.revoked':
      return `Revoked the API key${quoted(text('name'))}.`;
    case 'billing.checkout_started':
      return `Started checkout for the ${plan(text('plan'))} plan${text('interval') === 'year' ? ', billed yearly' : text('interval') === 'month' ? ', billed monthly' : ''}.`;
    case 'billing.portal_opened':
      return 'Opened the billing portal to manage the subscription.';
    case 'subscription.created':
      return `Started a subscription to the ${plan(text('plan'))} plan (${STATUS_WORDS[text('status') ?? ''] ?? 'pending'}).`;
    case 'subscription.canceled':
      return `Ended the subscription to the ${plan(text('plan'))} plan; the organization is back on Free.`;
    case 'subscription.updated':
      return describeSubscriptionChange(details, plan);
    default:
      // An action added later without words here still reads as a sentence.
      return `Recorded “${event.action.replace(/[._]/g, ' ')}”.`;
  }
}

function describeSubscriptionChange(details: Record<string, unknown>, plan: (value: string | undefined) => string): string {
  const changes = (details.changes ?? {}) as Record<string, { from?: unknown; to?: unknown }>;
  const parts: string[] = [];
  if (changes.plan) parts.push(`moved the subscription from the ${plan(String(changes.plan.from ?? ''))} plan to the ${plan(String(changes.plan.to ?? ''))} plan`);
  if (changes.interval) parts.push(`switched to ${changes.interval.to === 'year' ? 'yearly' : 'monthly'} billing`);
  if (changes.status) parts.push(`marked the subscription ${STATUS_WORDS[String(changes.status.to)] ?? String(changes.status.to)}`);
  if (changes.cancelAtPeriodEnd) parts.push(changes.cancelAtPeriodEnd.to ? 'set the subscription to end with the current period' : 'kept the subscription renewing');
  else if (changes.cancelAt) parts.push(changes.cancelAt.to ? 'scheduled the subscription to end' : 'removed the scheduled end');
  if (parts.length === 0) return 'Updated the subscription.';
  const sentence = parts.join(', and ');
  return `${sentence[0]!.toUpperCase()}${sentence.slice(1)}.`;
}
