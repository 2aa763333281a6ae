import type { Staff } from '../modules/staff/staff.entity';

/**
 * Who is calling, as read from the database on every request (never from client input), so
 * a demotion or deactivation takes effect on the next request.
 */
export type Principal =
  | { kind: 'staff'; staff: Staff }
  | { kind: 'client'; contactId: string };

/** One line naming the principal for logs and audit: no personal data. */
export function principalRef(principal: Principal | null): string {
  if (!principal) return 'anonymous';
  return principal.kind === 'staff' ? `staff:${principal.staff.id}` : `client:${principal.contactId}`;
}
