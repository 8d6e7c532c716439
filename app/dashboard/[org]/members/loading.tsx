import { PageSkeleton } from '@/app/_components/ui/page-skeleton';

export default function Loading() {
  return <PageSkeleton title="Members" variant="list" rows={3} />;
}
