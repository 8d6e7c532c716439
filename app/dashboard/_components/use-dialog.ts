'use client';

import { useState } from 'react';

/** A dialog's open state with a fresh key per opening, so each opening starts without the last attempt's result. */
export function useDialog() {
  const [open, setOpen] = useState(false);
  const [opening, setOpening] = useState(0);
  return {
    open,
    key: opening,
    show: () => {
      setOpening((value) => value + 1);
      setOpen(true);
    },
    close: () => setOpen(false),
  };
}
