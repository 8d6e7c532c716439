import { render } from '@react-email/render';
import { emailContent, type EmailInput } from './templates/contents';
import { EmailLayout } from './templates/email-layout';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** One email as HTML and plain text, the two parts every message carries. */
export async function renderEmail(input: EmailInput): Promise<RenderedEmail> {
  const content = emailContent(input);
  const element = <EmailLayout content={content} />;
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: content.subject, html, text };
}
