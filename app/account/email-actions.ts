'use server';

import { revalidatePath } from 'next/cache';
import type { FormState } from '@/app/_components/ui/form-state';
import { setOptionalNotices } from '@/lib/email/invitation-email';
import { formFailure, requireCaller, textField } from '../dashboard/_lib/organization-access';

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
