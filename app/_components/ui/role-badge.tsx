import { Badge, type BadgeTone } from './badge';

export type MemberRole = 'owner' | 'admin' | 'member';

const roleTone: Record<MemberRole, BadgeTone> = { owner: 'brand', admin: 'warning', member: 'neutral' };
const roleLabel: Record<MemberRole, string> = { owner: 'Owner', admin: 'Admin', member: 'Member' };

/** A membership role, the same colour everywhere it appears. */
export function RoleBadge({ role, className }: { role: MemberRole; className?: string }) {
  return (
    <Badge tone={roleTone[role]} className={className}>
      {roleLabel[role]}
    </Badge>
  );
}
