// The member's balances (stored value, bonus, points with expiry, packages) and ledger
// history, as the value area's panel shows them.
import { MemberValuePanel } from '../../value/member/MemberValuePanel.tsx';

export function MemberBalancesTab({ memberId }: { memberId: string }) {
  return <MemberValuePanel memberId={memberId} />;
}
