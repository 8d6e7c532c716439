import Link from 'next/link';
import { buttonStyles, type ButtonSize, type ButtonVariant } from './button-styles';

export interface ButtonLinkProps extends React.ComponentProps<typeof Link> {
  variant?: ButtonVariant;
  size?: ButtonSize;
}

/** A navigation that looks like a button: use it when the action is "go somewhere". */
export function ButtonLink({ variant = 'secondary', size = 'md', className, ...props }: ButtonLinkProps) {
  return <Link {...props} className={buttonStyles({ variant, size, className })} />;
}
