import type { RequestContext } from '../../request/context';
import { AuditAction, recordAudit } from '../../audit-trail/audit-trail';
import { subject } from '@casl/ability';
import { RuleReason } from '../../authorization/ability';
import type { Contact } from './contact.entity';

/**
 * TAR-8: every read of a sensitive contact that only a grant allowed is audited, once per
 * contact per request, whatever path returned it (list, single, nested).
 */
export async function auditReadsUnderGrant(ctx: RequestContext, contacts: Contact[]): Promise<void> {
  const principal = ctx.principal;
  if (principal?.kind !== 'staff') return;
  // The ability says which rule let each contact through; only those a grant allowed are audited.
  const underGrant = (contact: Contact) =>
    contact.sensitive && ctx.ability.relevantRuleFor('read', subject('Contact', { id: contact.id, sensitive: contact.sensitive } as Record<string, unknown>))?.reason === RuleReason.grant;
  const fresh = contacts.filter((contact) => !ctx.auditedGrantReads.has(contact.id) && underGrant(contact));
  if (fresh.length === 0) return;
  for (const contact of fresh) ctx.auditedGrantReads.add(contact.id);
  await recordAudit(
    ctx,
    ctx.dataSource.manager,
    ...fresh.map((contact) => ({ action: AuditAction.CONTACT_READ_UNDER_GRANT, subjectType: 'Contact', subjectId: contact.id })),
  );
}
