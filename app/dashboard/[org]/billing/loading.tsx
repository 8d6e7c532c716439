import { PageSkeleton } from '@/app/_components/ui/page-skeleton';

export default function Loading() {
  return <PageSkeleton title="Billing" variant="form" rows={2} />;
}
