import type { EmailContent } from './email-layout';

/** What each kind of email is, from the outbox row's payload (written by the `email_rules` migration). */
export const EMAIL_KINDS = [
  'invitation',
  'invitation_accepted',
  'role_changed',
  'member_removed',
  'ownership_transferred',
  'organization_deleted',
  'payment_failed',
  'subscription_cancelled',
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export interface EmailPayload {
  organization_name?: string;
  organization_slug?: string;
  actor_name?: string | null;
  inviter_email?: string | null;
  role?: string | null;
  previous_role?: string | null;
  expires_at?: string | null;
  member_email?: string | null;
  plan?: string | null;
}

export interface EmailInput {
  kind: EmailKind;
  payload: EmailPayload;
  siteUrl: string;
  /** An invitation's accept URL; without it the email sends the addressee to the dashboard, which lists invitations to their email. */
  acceptUrl?: string | null;
  /** Shown in the footer of optional notices. */
  toEmail: string;
}

/** Made-up values for the previews at /dev/emails and the template tests. */
export const SAMPLE_PAYLOAD: EmailPayload = {
  organization_name: 'Acme',
  organization_slug: 'acme',
  actor_name: 'Olivia Owner',
  inviter_email: 'olivia@example.com',
  role: 'admin',
  previous_role: 'member',
  expires_at: '2030-01-08T12:00:00.000Z',
  member_email: 'new.hire@example.com',
  plan: 'pro',
};

const OPTIONAL_FOOTNOTE = 'You can turn off these notices on your account page.';

function formatDate(value: string | null | undefined): string {
  if (!value) return 'in 7 days';
  return new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(value)) + ' UTC';
}

function article(role: string): string {
  return /^[aeiou]/i.test(role) ? `an ${role}` : `a ${role}`;
}

/** Subject, words and link of one email; React escapes every value when it is rendered. */
export function emailContent({ kind, payload, siteUrl, acceptUrl }: EmailInput): EmailContent {
  const organization = payload.organization_name ?? 'your organization';
  const orgUrl = (page = '') => `${siteUrl}/dashboard/${payload.organization_slug ?? ''}${page}`;
  const actor = payload.actor_name ?? 'Someone';
  const role = payload.role ?? 'member';
  switch (kind) {
    case 'invitation':
      return {
        subject: `${actor} invited you to ${organization} on Tenantry`,
        preview: `Join ${organization} as ${article(role)}`,
        heading: `Join ${organization} on Tenantry`,
        paragraphs: [
          `${actor}${payload.inviter_email && payload.inviter_email !== actor ? ` (${payload.inviter_email})` : ''} invited you to join ${organization} as ${article(role)}.`,
          acceptUrl
            ? 'Sign in with this email address and accept the invitation.'
            : 'Sign in with this email address: your dashboard lists the invitation.',
        ],
        action: { label: 'Accept the invitation', href: acceptUrl ?? `${siteUrl}/dashboard` },
        footnote: `This invitation expires on ${formatDate(payload.expires_at)}. If you did not expect it, ignore this email.`,
      };
    case 'invitation_accepted':
      return {
        subject: `${payload.member_email ?? 'Your invitee'} joined ${organization}`,
        preview: `${payload.member_email ?? 'Your invitee'} accepted your invitation`,
        heading: `${payload.member_email ?? 'Your invitee'} joined ${organization}`,
        paragraphs: [`${payload.member_email ?? 'Your invitee'} accepted your invitation and is now ${article(role)} of ${organization}.`],
        action: { label: 'See the members', href: orgUrl('/members') },
        footnote: OPTIONAL_FOOTNOTE,
      };
    case 'role_changed':
      return {
        subject: `You are now ${article(role)} of ${organization}`,
        preview: `Your role in ${organization} changed`,
        heading: `Your role in ${organization} changed`,
        paragraphs: [`${actor} changed your role in ${organization} from ${payload.previous_role ?? 'your previous role'} to ${role}.`],
        action: { label: `Open ${organization}`, href: orgUrl() },
        footnote: OPTIONAL_FOOTNOTE,
      };
    case 'member_removed':
      return {
        subject: `You were removed from ${organization}`,
        preview: `You no longer have access to ${organization}`,
        heading: `You were removed from ${organization}`,
        paragraphs: [`${actor} removed you from ${organization}. You no longer have access to its projects.`],
        action: { label: 'Open your dashboard', href: `${siteUrl}/dashboard` },
        footnote: OPTIONAL_FOOTNOTE,
      };
    case 'ownership_transferred':
      return {
        subject: `You are now an owner of ${organization}`,
        preview: `${actor} handed you ownership of ${organization}`,
        heading: `You own ${organization} now`,
        paragraphs: [`${actor} transferred ownership of ${organization} to you. Owners manage billing and can delete the organization.`],
        action: { label: 'Open the settings', href: orgUrl('/settings') },
        footnote: OPTIONAL_FOOTNOTE,
      };
    case 'organization_deleted':
      return {
        subject: `${organization} was deleted`,
        preview: `${organization} and its projects are gone`,
        heading: `${organization} was deleted`,
        paragraphs: [`${actor} deleted ${organization}. Its projects and members are gone; your account and other organizations are not affected.`],
        action: { label: 'Open your dashboard', href: `${siteUrl}/dashboard` },
        footnote: OPTIONAL_FOOTNOTE,
      };
    case 'payment_failed':
      return {
        subject: `Payment failed for ${organization}: update the card`,
        preview: `The renewal of ${organization}'s subscription failed`,
        heading: `We could not renew ${organization}'s subscription`,
        paragraphs: [
          `The latest payment for ${organization}${payload.plan ? ` (${payload.plan} plan)` : ''} failed, and the subscription is past due.`,
          'Stripe will try again over the next days. Update the payment method to keep the plan.',
        ],
        action: { label: 'Update the payment method', href: orgUrl('/billing') },
      };
    case 'subscription_cancelled':
      return {
        subject: `${organization}'s subscription was cancelled`,
        preview: `${organization} is back on the free plan`,
        heading: `${organization}'s subscription was cancelled`,
        paragraphs: [`The ${payload.plan ?? 'paid'} subscription of ${organization} has ended; the organization is on the free plan's limits now.`],
        action: { label: 'See the plans', href: orgUrl('/billing') },
        footnote: OPTIONAL_FOOTNOTE,
      };
  }
}
