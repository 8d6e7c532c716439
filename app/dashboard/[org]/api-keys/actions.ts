'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { apiKeyOperations, createApiKeyInput } from '@/lib/api-keys/schema';
import { createApiKey, revokeApiKey } from '@/lib/api-keys/service';
import { actInOrganization, textField } from '@/lib/auth/action-access';
import type { FormState } from '@/lib/http/form-state';

/** The create form's answer: on success, the key, which is shown this once. */
export type CreateApiKeyState = FormState | { ok: true; message: string; key: string; name: string };

export async function createApiKeyAction(slug: string, _previous: CreateApiKeyState | null, formData: FormData): Promise<CreateApiKeyState> {
  const expiresOn = textField(formData, 'expires_on');
  const outcome = await actInOrganization(slug, apiKeyOperations.create.who, formData, (scope) =>
    createApiKey(
      scope,
      createApiKeyInput.parse({
        name: textField(formData, 'name'),
        role: textField(formData, 'role') || 'member',
        // A date picker gives a day: the key works through the end of it (UTC).
        expires_at: expiresOn ? `${expiresOn}T23:59:59.999Z` : null,
      }),
    ),
  );
  if (!outcome.ok) return outcome;
  revalidatePath(`/dashboard/${slug}/api-keys`);
  return { ok: true, message: `API key “${outcome.result.api_key.name}” created.`, key: outcome.result.key, name: outcome.result.api_key.name };
}

export async function revokeApiKeyAction(slug: string, apiKeyId: string, _previous: FormState | null, formData: FormData): Promise<FormState> {
  const outcome = await actInOrganization(slug, apiKeyOperations.revoke.who, formData, (scope) => revokeApiKey(scope, z.uuid().parse(apiKeyId)));
  if (!outcome.ok) return outcome;
  revalidatePath(`/dashboard/${slug}/api-keys`);
  return { ok: true, message: 'API key revoked.' };
}
