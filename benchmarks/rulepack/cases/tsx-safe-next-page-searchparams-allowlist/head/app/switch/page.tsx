import { redirect } from 'next/navigation';

const DESTINATIONS: Record<string, string> = {
  billing: '/settings/billing',
  team: '/settings/team',
};

export default function SwitchPage({ searchParams }: { searchParams: { to?: string } }) {
  redirect(DESTINATIONS[searchParams.to ?? ''] ?? '/settings');
}
