import type { StoredUser } from './store';
import { AUTHENTICATED_AUDIENCE } from './constants';

const GOOGLE_APP_METADATA = { provider: 'google', providers: ['google'] };

export function appMetadata() {
  return { ...GOOGLE_APP_METADATA, providers: [...GOOGLE_APP_METADATA.providers] };
}

/** The user object exactly as GoTrue serialises `models.User` for a Google-only account. */
export function toUserJson(user: StoredUser) {
  const identity = user.identity;
  return {
    id: user.id,
    aud: AUTHENTICATED_AUDIENCE,
    role: 'authenticated',
    email: user.email,
    email_confirmed_at: isoTime(user.emailConfirmedAt),
    phone: '',
    confirmed_at: isoTime(user.emailConfirmedAt),
    ...(user.lastSignInAt === null ? {} : { last_sign_in_at: isoTime(user.lastSignInAt) }),
    app_metadata: appMetadata(),
    user_metadata: user.userMetadata,
    identities: [
      {
        identity_id: identity.identityId,
        id: identity.providerId,
        user_id: user.id,
        identity_data: identity.identityData,
        provider: 'google',
        last_sign_in_at: isoTime(identity.lastSignInAt),
        created_at: isoTime(identity.createdAt),
        updated_at: isoTime(identity.updatedAt),
        email: user.email,
      },
    ],
    created_at: isoTime(user.createdAt),
    updated_at: isoTime(user.updatedAt),
    is_anonymous: false,
  };
}

export function isoTime(epochMilliseconds: number): string {
  return new Date(epochMilliseconds).toISOString();
}
