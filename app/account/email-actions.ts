'use server';

import { revalidatePath } from 'next/cache';
import type { FormState } from '@/lib/http/form-state';
import { setOptionalNotices } from '@/lib/email/invitation-email';
import { formFailure, textField } from '@/lib/auth/action-access';
import { requireCaller } from '@/lib/auth/page-access';

export async function setOptionalNoticesAction(_previous: FormState | null, formData: FormData): Promise<FormState> {
  const caller = await requireCaller('/account');
  const enabled = textField(formData, 'enabled') === 'on';
  try {
    await setOptionalNotices(caller, enabled);
  } catch (error) {
    return formFailure(error, formData);
  }
  revalidatePath('/account');
  return { ok: true, message: enabled ? 'Notices are on.' : 'Notices are off.' };
}
