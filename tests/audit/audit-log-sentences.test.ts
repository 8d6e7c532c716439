import { describe, expect, it } from 'vitest';
import { describeActor, describeAuditEvent } from '@/app/dashboard/[org]/audit/describe-audit-event';
import type { AuditEventView } from '@/lib/audit/schema';
import { STRIPE_ACTOR_ID } from '@/lib/billing/sync-subscriptions';

const ada = '11111111-1111-4111-8111-111111111111';
const names = new Map([[ada, 'Ada Lovelace']]);

function event(action: string, details: Record<string, unknown> = {}, targetId = ada): AuditEventView {
  return { id: crypto.randomUUID(), actor_id: ada, action, target_type: 'x', target_id: targetId, details, created_at: new Date(0).toISOString() };
}

// Every action the app records (lib/audit, lib/tenancy, lib/projects, lib/billing).
const RECORDED: [string, Record<string, unknown>, string][] = [
  ['organization.created', { name: 'Acme' }, 'Created the organization “Acme”.'],
  ['organization.updated', { after: { slug: 'acme-2' } }, 'Changed the organization’s address to /dashboard/acme-2.'],
  ['project.created', { name: 'Website' }, 'Created the project “Website”.'],
  ['project.updated', { changes: { name: 'Site' } }, 'Edited the project “Site”.'],
  ['project.deleted', { name: 'Website' }, 'Deleted the project “Website”.'],
  ['invitation.created', { email: 'bo@example.com', role: 'admin' }, 'Invited bo@example.com to join as an admin.'],
  ['invitation.revoked', { email: 'bo@example.com' }, 'Revoked the invitation for bo@example.com.'],
  ['invitation.accepted', { role: 'member' }, 'Accepted an invitation and joined as a member.'],
  ['member.role_changed', { from: 'member', to: 'admin' }, 'Changed the role of Ada Lovelace from member to admin.'],
  ['member.removed', {}, 'Removed Ada Lovelace from the organization.'],
  ['member.left', {}, 'Left the organization.'],
  ['billing.checkout_started', { plan: 'pro', interval: 'month' }, 'Started checkout for the Pro plan, billed monthly.'],
  ['billing.portal_opened', {}, 'Opened the billing portal to manage the subscription.'],
  ['subscription.created', { plan: 'pro', status: 'active' }, 'Started a subscription to the Pro plan (active).'],
  ['subscription.updated', { changes: { cancelAtPeriodEnd: { from: false, to: true } } }, 'Set the subscription to end with the current period.'],
  ['subscription.updated', { changes: { plan: { from: 'pro', to: 'business' } } }, 'Moved the subscription from the Pro plan to the Business plan.'],
  ['subscription.canceled', { plan: 'pro' }, 'Ended the subscription to the Pro plan; the organization is back on Free.'],
  ['api_key.created', { name: 'CI', role: 'admin' }, 'Created the API key “CI” with the admin role.'],
  ['api_key.revoked', { name: 'CI' }, 'Revoked the API key “CI”.'],
];

describe('the audit log in words', () => {
  it.each(RECORDED)('%s reads as a sentence, not as its code', (action, details, sentence) => {
    expect(describeAuditEvent(event(action, details), names)).toBe(sentence);
  });

  it('names the API key a write was made with, beside the person who created it', () => {
    const withKey = event('project.created', { name: 'Website', api_key: { id: crypto.randomUUID(), name: 'CI deploys' } });
    expect(describeAuditEvent(withKey, names)).toBe('Created the project “Website”, with the API key “CI deploys”.');
  });

  it('an action without words yet still reads as a sentence', () => {
    expect(describeAuditEvent(event('webhook.replayed'), names)).toBe('Recorded “webhook replayed”.');
  });

  it('says Stripe made the billing changes it reported, and names people who left as such', () => {
    expect(describeActor(STRIPE_ACTOR_ID, names)).toBe('Stripe');
    expect(describeActor(ada, names)).toBe('Ada Lovelace');
    expect(describeActor('22222222-2222-4222-8222-222222222222', names)).toBe('A former member');
  });
});
