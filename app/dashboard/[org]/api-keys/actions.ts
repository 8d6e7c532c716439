'use server';

import { revalidatePath } from 'next/cache';
import { apiKeyOperations, createApiKeyInput } from '@/lib/api-keys/schema';
import { createApiKey, revokeApiKey } from '@/lib/api-keys/service';
import { idInput, textField, withMembershipAction } from '@/lib/auth/action-access';
import type { FormState } from '@/lib/http/form-state';

/** The create form's answer: on success, the key, which is shown this once. */
export type CreateApiKeyState = FormState | { ok: true; message: string; key: string; name: string };

export async function createApiKeyAction(slug: string, _previous: CreateApiKeyState | null, formData: FormData): Promise<CreateApiKeyState> {
  const outcome = await withMembershipAction(
    slug,
    formData,
    { role: apiKeyOperations.create.who, input: createApiKeyInput, read: apiKeyFields },
    (scope, input) => createApiKey(scope, input),
  );
  if (!outcome.ok) return outcome;
  revalidatePath(`/dashboard/${slug}/api-keys`);
  return { ok: true, message: `API key “${outcome.result.api_key.name}” created.`, key: outcome.result.key, name: outcome.result.api_key.name };
}

export async function revokeApiKeyAction(slug: string, apiKeyId: string, _previous: FormState | null, formData: FormData): Promise<FormState> {
  const outcome = await withMembershipAction(
    slug,
    formData,
    { role: apiKeyOperations.revoke.who, input: idInput, read: () => ({ id: apiKeyId }) },
    (scope, { id }) => revokeApiKey(scope, id),
  );
  if (!outcome.ok) return outcome;
  revalidatePath(`/dashboard/${slug}/api-keys`);
  return { ok: true, message: 'API key revoked.' };
}

function apiKeyFields(formData: FormData) {
  const expiresOn = textField(formData, 'expires_on');
  return {
    name: textField(formData, 'name'),
    role: textField(formData, 'role') || 'member',
    // A date picker gives a day: the key works through the end of it (UTC).
    expires_at: expiresOn ? `${expiresOn}T23:59:59.999Z` : null,
  };
}
