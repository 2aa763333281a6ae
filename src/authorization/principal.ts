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

/**
 * A stand-in member of staff in a role, with no grants: for asking what a role's rules alone allow
 * (the policy table, whoCanSeeContact). `staff` overrides the placeholders.
 */
export function principalInRole(role: StaffRole, staff: Partial<PrincipalStaff> = {}, ledTeamIds: string[] = []): StaffPrincipal {
  return {
    kind: 'staff',
    staff: { id: '00000000-0000-4000-8000-000000000000', staffNumber: '', firstName: '', lastName: '', role, segment: 'MAINTENANCE' as Segment, teamId: null, active: true, ...staff },
    ledTeamIds,
    grants: [],
  };
}
