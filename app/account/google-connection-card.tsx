import { GoogleConnectButton } from '@/app/_components/google-connect-button';
import { Button } from '@/app/_components/ui/button';
import { Card } from '@/app/_components/ui/card';
import { googleConfig } from '@/lib/google/config';
import { googleConnectionsOf } from '@/lib/google/connections';
import { DRIVE_SCOPES } from '@/lib/google/drive';
import { supabasePublicConfig } from '@/lib/supabase/public-config';
import type { Caller } from '@/lib/tenant/caller';
import { disconnectGoogleAction } from './google-actions';

/** Google API access on the user's behalf (lib/google/): what was granted, connect for more, disconnect. */
export async function GoogleConnectionCard({ caller }: { caller: Caller }) {
  if (!googleConfig()) return null;
  const connections = await googleConnectionsOf(caller);
  const connected = connections.filter((connection) => connection.status === 'connected');
  const scopes = [...new Set(connected.flatMap((connection) => connection.scopes))].map(shortScope).sort();
  const hasDrive = connected.some((connection) => DRIVE_SCOPES.every((scope) => connection.scopes.includes(scope)));

  return (
    <Card
      title="Google access"
      description={
        connected.length > 0
          ? `Google connected (${scopes.join(', ')})`
          : connections.length > 0
            ? 'Google access was removed at Google. Connect again to use it here.'
            : 'Not connected: nothing here can call Google on your behalf.'
      }
      actions={
        <div className="flex flex-wrap gap-2">
          {!hasDrive && (
            <GoogleConnectButton config={supabasePublicConfig()} scopes={DRIVE_SCOPES} next="/account" label="Connect Google Drive" />
          )}
          {connections.length > 0 && (
            <form action={disconnectGoogleAction}>
              <Button type="submit" variant="secondary" pendingText="Disconnecting…">
                Disconnect Google
              </Button>
            </form>
          )}
        </div>
      }
    />
  );
}

/** `https://www.googleapis.com/auth/drive.metadata.readonly` reads as `drive.metadata.readonly`. */
function shortScope(scope: string): string {
  return scope.replace(/^https:\/\/www\.googleapis\.com\/auth\//, '');
}
