import { PageSkeleton } from '@/app/_components/ui/page-skeleton';

export default function Loading() {
  return <PageSkeleton title="Audit log" variant="list" rows={5} />;
}
