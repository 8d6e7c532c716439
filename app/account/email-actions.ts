'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { FormState } from '@/lib/http/form-state';
import { setOptionalNotices } from '@/lib/email/invitation-email';
import { textField, withCallerAction } from '@/lib/auth/action-access';

const noticesForm = z.object({ enabled: z.boolean() });

export async function setOptionalNoticesAction(_previous: FormState | null, formData: FormData): Promise<FormState> {
  const outcome = await withCallerAction(
    formData,
    { returnTo: '/account', input: noticesForm, read: (form) => ({ enabled: textField(form, 'enabled') === 'on' }) },
    async (caller, { enabled }) => {
      await setOptionalNotices(caller, enabled);
      return enabled;
    },
  );
  if (!outcome.ok) return outcome;
  revalidatePath('/account');
  return { ok: true, message: outcome.result ? 'Notices are on.' : 'Notices are off.' };
}
