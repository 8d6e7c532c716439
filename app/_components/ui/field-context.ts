import { createContext, useContext } from 'react';

export interface FieldContextValue {
  id: string;
  /** Space-separated ids of the description and the error, for aria-describedby. */
  describedBy: string | undefined;
  invalid: boolean;
  required: boolean;
}

export const FieldContext = createContext<FieldContextValue | null>(null);

/**
 * The control props a `Field` hands to the Input, Textarea or Select inside
 * it; explicit props on the control win.
 */
export function useFieldControlProps<P extends { id?: string; required?: boolean } & React.AriaAttributes>(props: P) {
  const field = useContext(FieldContext);
  if (!field) return props;
  const describedBy = [field.describedBy, props['aria-describedby']].filter(Boolean).join(' ') || undefined;
  return {
    ...props,
    id: props.id ?? field.id,
    required: props.required ?? (field.required || undefined),
    'aria-describedby': describedBy,
    'aria-invalid': props['aria-invalid'] ?? (field.invalid || undefined),
  };
}
