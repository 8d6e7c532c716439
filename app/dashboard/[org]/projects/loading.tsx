import { PageSkeleton } from '@/app/_components/ui/page-skeleton';

export default function Loading() {
  return <PageSkeleton title="Projects" variant="list" rows={4} />;
}
