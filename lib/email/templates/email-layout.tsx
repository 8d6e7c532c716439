import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from '@react-email/components';

export interface EmailContent {
  subject: string;
  /** The line mail clients show beside the subject. */
  preview: string;
  heading: string;
  paragraphs: string[];
  action: { label: string; href: string };
  /** Small print under the button: expiry, why this email came. */
  footnote?: string;
}

const brand = '#4f46e5';

/** Every Tenantry email: one heading, a few sentences, one button, in the product's indigo. */
export function EmailLayout({ content }: { content: EmailContent }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{content.preview}</Preview>
      <Body style={{ backgroundColor: '#f4f4f5', fontFamily: 'Inter, -apple-system, Segoe UI, Helvetica, Arial, sans-serif', margin: 0 }}>
        <Container style={{ backgroundColor: '#ffffff', borderRadius: 12, margin: '32px auto', maxWidth: 520, padding: '32px 28px' }}>
          <Text style={{ color: brand, fontSize: 15, fontWeight: 700, margin: '0 0 16px' }}>Tenantry</Text>
          <Heading as="h1" style={{ color: '#18181b', fontSize: 22, lineHeight: '28px', margin: '0 0 16px' }}>
            {content.heading}
          </Heading>
          {content.paragraphs.map((paragraph) => (
            <Text key={paragraph} style={{ color: '#3f3f46', fontSize: 15, lineHeight: '24px', margin: '0 0 12px' }}>
              {paragraph}
            </Text>
          ))}
          <Section style={{ margin: '24px 0' }}>
            <Button
              href={content.action.href}
              style={{ backgroundColor: brand, borderRadius: 8, color: '#ffffff', fontSize: 15, fontWeight: 600, padding: '12px 20px' }}
            >
              {content.action.label}
            </Button>
          </Section>
          <Text style={{ color: '#71717a', fontSize: 13, lineHeight: '20px', margin: '0 0 8px' }}>
            Or open this link: {content.action.href}
          </Text>
          {content.footnote ? (
            <>
              <Hr style={{ borderColor: '#e4e4e7', margin: '20px 0' }} />
              <Text style={{ color: '#71717a', fontSize: 13, lineHeight: '20px', margin: 0 }}>{content.footnote}</Text>
            </>
          ) : null}
        </Container>
      </Body>
    </Html>
  );
}
