'use client';

import { Button } from '@/app/_components/ui/button';
import { CopyButton } from '@/app/_components/ui/copy-button';
import { Dialog } from '@/app/_components/ui/dialog';
import { Field } from '@/app/_components/ui/field';
import { Input } from '@/app/_components/ui/input';

export interface ShownOnceDialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  description: string;
  /** The field's label ("Invitation link", "API key"). */
  label: string;
  /** The secret shown this once (only its hash is kept). */
  value: string;
  copyLabel: string;
  copiedMessage: string;
}

/** A secret the server will never show again (an invitation link, an API key), to copy before closing. */
export function ShownOnceDialog({ open, onClose, title, description, label, value, copyLabel, copiedMessage }: ShownOnceDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      description={description}
      footer={
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      }
    >
      <div className="space-y-3">
        <Field label={label}>
          <Input value={value} readOnly onFocus={(event) => event.currentTarget.select()} className="font-mono text-xs sm:text-xs" />
        </Field>
        <CopyButton value={value} label={copyLabel} copiedMessage={copiedMessage} />
      </div>
    </Dialog>
  );
}
