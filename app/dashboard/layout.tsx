import { ToastProvider } from '@/app/_components/ui/toast';

export default function DashboardLayout({ children }: LayoutProps<'/dashboard'>) {
  return <ToastProvider>{children}</ToastProvider>;
}
