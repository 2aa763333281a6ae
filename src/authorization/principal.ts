import type { LiveGrant } from './grants';
import type { Segment, StaffRole } from './roles';

/** The member of staff as the ability needs them, read from the database on every request. */
export interface PrincipalStaff {
  id: string;
  staffNumber: string;
  firstName: string;
  lastName: string;
  role: StaffRole;
  segment: Segment;
  teamId: string | null;
  active: boolean;
}

export interface StaffPrincipal {
  kind: 'staff';
  staff: PrincipalStaff;
  /** Teams this person leads (TAR-2: the requester's own team leader checks the form). */
  ledTeamIds: string[];
  /** Grants live at the request instant (SCR-4). */
  grants: LiveGrant[];
}

export interface ClientPrincipal {
  kind: 'client';
  contactId: string;
}

/**
 * Who is calling, as read from the database on every request (never from client input), so
 * a demotion, deactivation, grant or removal takes effect on the next request.
 */
export type Principal = StaffPrincipal | ClientPrincipal;

/** One line naming the principal for logs and audit: no personal data. */
export function principalRef(principal: Principal | null): string {
  if (!principal) return 'anonymous';
  return principal.kind === 'staff' ? `staff:${principal.staff.id}` : `client:${principal.contactId}`;
}
