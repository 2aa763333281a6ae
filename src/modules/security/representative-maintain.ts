import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { type AccessTarget, requireAccess } from '../../authorization/require-access';
import { InputProblems } from '../../common/errors';
import { isUuid } from '../../common/input';
import type { RequestContext } from '../../request/context';
import { Contact } from '../contacts/contact.entity';
import { ContactKind } from '../contacts/contact-enums';
import { RepresentativeLink } from '../contacts/representative-link.entity';
import { maintainRepresentativeSecrets, protectChange } from './security-account.service';
import { employerRepresentativeRefusal, notARepresentativeRefusal } from './security-errors';
import { checkPassword, checkPin } from './security-validation';

@InputType({ description: "REP-3: maintain a client representative's own security (Client Representative - Maintain). Give at least one of unblock, newPin, newPassword." })
export class MaintainRepresentativeSecurityInput {
  @Field(() => ID, { description: 'The representative (a contact of kind REPRESENTATIVE).' })
  representativeId: string;

  @Field(() => Boolean, { nullable: true, description: 'Unblock the account after three failed checks (SEC-5). New details unblock it too.' })
  unblock?: boolean | null;

  @Field(() => String, { nullable: true, description: 'New PIN: seven digits, not all zeros. Write-only.' })
  newPin?: string | null;

  @Field(() => String, { nullable: true, description: 'New special customer password. Write-only.' })
  newPassword?: string | null;
}

@ObjectType({ description: "What maintaining a representative's security did. The details themselves are never returned (SEC-3)." })
export class MaintainRepresentativeSecurityPayload {
  @Field(() => Contact, { description: 'The representative; their securityStatus shows the account now.' })
  representative: Contact;

  @Field({ description: 'The account was blocked and is now unblocked.' })
  unblocked: boolean;

  @Field({ description: 'The PIN was replaced.' })
  pinChanged: boolean;

  @Field({ description: 'The password was replaced.' })
  passwordChanged: boolean;
}

const CONTACT: AccessTarget<Contact> = { entity: Contact, subject: 'Contact', noun: 'Contact' };

/**
 * REP-3: a representative's own security is maintained here, never through a client's change of
 * security details (REP-1): unblock and/or a new PIN and password, by the segment owning a case of a
 * client they act for (the SCR team for a sensitive client). The old values are overwritten.
 */
export async function maintainRepresentativeSecurity(
  ctx: RequestContext,
  input: MaintainRepresentativeSecurityInput,
): Promise<MaintainRepresentativeSecurityPayload> {
  const problems = new InputProblems();
  problems.check(isUuid(input.representativeId), 'representativeId', 'is not a valid id');
  if (input.newPin != null) checkPin(problems, 'newPin', input.newPin);
  if (input.newPassword != null) checkPassword(problems, 'newPassword', input.newPassword);
  if (!input.unblock && input.newPin == null && input.newPassword == null) {
    problems.add('unblock', 'give unblock: true, a newPin or a newPassword');
  }
  problems.throwIfAny();
  // Hashing is slow: done before any lock is taken.
  const change = await protectChange(ctx, input.representativeId, input.newPin ?? undefined, input.newPassword?.trim() || undefined);

  return ctx.dataSource.transaction(async (tx) => {
    const representative = await requireAccess(ctx, tx, CONTACT, input.representativeId, 'maintainRepresentative', {
      field: 'representativeId',
      explain: (row) => (row.kind === ContactKind.REPRESENTATIVE ? null : notARepresentativeRefusal()),
    });
    // REP-2: an employer has no security questions, so no account to maintain.
    if (await tx.exists(RepresentativeLink, { where: { representativeId: representative.id, employer: true } })) {
      throw employerRepresentativeRefusal();
    }
    // Not set up, or only to unblock an account that is not blocked: refused by the overwrite itself.
    const { wasBlocked } = await maintainRepresentativeSecrets(ctx, tx, representative.id, change);
    return {
      representative,
      unblocked: wasBlocked,
      pinChanged: Boolean(change.pinCipher),
      passwordChanged: Boolean(change.passwordHashes),
    };
  });
}
