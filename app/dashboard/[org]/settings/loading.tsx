import { PageSkeleton } from '@/app/_components/ui/page-skeleton';

export default function Loading() {
  return <PageSkeleton title="Settings" variant="form" rows={2} />;
}
