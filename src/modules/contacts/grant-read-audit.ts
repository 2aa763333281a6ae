import type { RequestContext } from '../../request/context';
import { AuditAction, AuditSubject, recordAudit } from '../../audit-trail/audit-trail';
import { subject } from '@casl/ability';
import { RuleReason } from '../../authorization/ability';
import { AccessPurpose } from '../../authorization/grant-purpose';
import type { LiveGrant } from '../../authorization/grants';
import type { Contact } from './contact.entity';

/**
 * AUD-3 decision receipt: the rule that allowed the read and the grant behind it. Of several live
 * grants naming the contact, the one lasting longest (then the lowest id): any of them allowed it.
 */
function receiptFor(grants: LiveGrant[], contactId: string) {
  const [grant] = grants
    .filter((g) => g.purpose === AccessPurpose.VIEW_CONTACT && g.contactId === contactId)
    .sort((a, b) => new Date(b.expiresAt).getTime() - new Date(a.expiresAt).getTime() || (a.id < b.id ? -1 : 1));
  return { rule: RuleReason.grant, ruleAction: 'read', grantId: grant?.id ?? null };
}

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
    ...fresh.map((contact) => ({
      action: AuditAction.CONTACT_READ_UNDER_GRANT, subjectType: AuditSubject.CONTACT, subjectId: contact.id, details: receiptFor(principal.grants, contact.id),
    })),
  );
}
