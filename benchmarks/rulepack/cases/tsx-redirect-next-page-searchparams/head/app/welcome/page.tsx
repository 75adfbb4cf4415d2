import { redirect } from 'next/navigation';
import { getSession } from '@/lib/session';

type Props = { searchParams: { continue?: string } };

export default async function WelcomePage({ searchParams }: Props) {
  const session = await getSession();
  if (session.onboarded) {
    redirect(searchParams.continue ?? '/dashboard');
  }
  return <h1>Welcome!</h1>;
}
