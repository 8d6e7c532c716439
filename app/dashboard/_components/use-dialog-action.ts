'use client';

import { useActionState } from 'react';
import type { FormState } from '@/lib/http/form-state';
import { useToast } from '@/app/_components/ui/toast';

/**
 * useActionState for a form in a dialog: on success the dialog closes and
 * the action's message is shown as a toast; a failure stays in the dialog,
 * next to the fields it is about.
 */
export function useDialogAction<State extends FormState>(
  action: (previous: State | null, formData: FormData) => Promise<State>,
  onSuccess: (result: State) => void,
) {
  const toast = useToast();
  return useActionState(async (previous: State | null, formData: FormData) => {
    const result = await action(previous, formData);
    if (result.ok) {
      onSuccess(result);
      if (result.message) toast.success(result.message);
    }
    return result;
  }, null);
}
