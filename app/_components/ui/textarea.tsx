'use client';

import { controlStyles } from './control-styles';
import { useFieldControlProps } from './field-context';

export type TextareaProps = React.ComponentPropsWithRef<'textarea'>;

export function Textarea({ className = '', rows = 4, ...props }: TextareaProps) {
  const controlProps = useFieldControlProps(props);
  return <textarea rows={rows} {...controlProps} className={`${controlStyles} py-2 ${className}`} />;
}
