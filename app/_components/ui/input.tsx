'use client';

import { controlStyles } from './control-styles';
import { useFieldControlProps } from './field-context';

export type InputProps = React.ComponentPropsWithRef<'input'>;

/** A text-like input; inside a `Field` it is labelled and described automatically. */
export function Input({ className = '', ...props }: InputProps) {
  const controlProps = useFieldControlProps(props);
  return <input {...controlProps} className={`${controlStyles} h-10 ${className}`} />;
}
