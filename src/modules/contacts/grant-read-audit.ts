import type { RequestContext } from '../../server/context';
import { AuditAction, recordAudit } from '../audit/audit.service';
import { StaffRole } from '../staff/staff-role';
import type { Contact } from './contact.entity';

const SEES_BY_ROLE = new Set([StaffRole.SCR_CASEWORKER, StaffRole.SCR_MANAGER]);

/**
 * TAR-8: every read of a sensitive contact that only a grant allowed is audited, once per
 * contact per request, whatever path returned it (list, single, nested).
 */
export async function auditReadsUnderGrant(ctx: RequestContext, contacts: Contact[]): Promise<void> {
  const principal = ctx.principal;
  if (principal?.kind !== 'staff' || SEES_BY_ROLE.has(principal.staff.role)) return;
  const fresh = contacts.filter((contact) => contact.sensitive && !ctx.auditedGrantReads.has(contact.id));
  if (fresh.length === 0) return;
  for (const contact of fresh) ctx.auditedGrantReads.add(contact.id);
  await recordAudit(
    ctx,
    ctx.dataSource.manager,
    ...fresh.map((contact) => ({ action: AuditAction.CONTACT_READ_UNDER_GRANT, subjectType: 'Contact', subjectId: contact.id })),
  );
}
