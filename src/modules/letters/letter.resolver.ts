import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Policies, Requires } from '../../authorization/policy';
import { ConnectionType, PageArgs, pageSize } from '../../common/connection';
import type { RequestContext } from '../../request/context';
import { Contact } from '../contacts/contact.entity';
import { ServiceRequest } from '../service-requests/service-request.entity';
import { runLetterBatch } from './letter-batch';
import {
  CancelLetterInput, CancelLetterPayload, LetterFilter, ReissueLetterInput, ReissueLetterPayload, RunLetterBatchPayload,
} from './letter-inputs';
import { Letter } from './letter.entity';
import { cancelLetter, findVisibleLetter, listLetters, reissueLetter } from './letter.service';
import { contactById } from '../contacts/contact.loaders';
import { serviceRequestById } from '../service-requests/sr.loaders';

export const LetterConnection = ConnectionType(Letter, 'Letter');


@Resolver(() => Letter)
export class LetterResolver {
  @Requires(Policies.can('read', 'Contact'))
  @Query(() => Letter, { nullable: true, description: 'A letter by id; null when missing or when the caller may not see its contact (indistinguishable).' })
  letter(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'Identifier of the letter.' }) id: string) {
    return findVisibleLetter(ctx, id);
  }

  @Requires(Policies.can('read', 'Contact'))
  @Query(() => LetterConnection, {
    description: 'Letters of contacts the caller may see, newest first. A self-service client sees their own sent letters.',
  })
  async letters(
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => LetterFilter, { nullable: true, description: 'Narrows the list; omit it for every row the caller may see.' }) filter?: LetterFilter | null,
  ) {
    return LetterConnection.from(await listLetters(ctx, filter, pageSize(page), page.after));
  }

  @Requires(Policies.can('cancel', 'Letter'))
  @Mutation(() => CancelLetterPayload, { description: 'LET-2: cancels a GENERATED letter before the end-of-day batch; a SENT one is a CONFLICT.' })
  async cancelLetter(@Ctx() ctx: RequestContext, @Arg('input', () => CancelLetterInput, { description: 'The letter to act on.' }) input: CancelLetterInput) {
    return Object.assign(new CancelLetterPayload(), { letter: await cancelLetter(ctx, input.id) });
  }

  @Requires(Policies.can('reissue', 'Letter'))
  @Mutation(() => ReissueLetterPayload, { description: 'LET-3: an exact copy of a sent letter with a covering letter, in the format the contact needs now.' })
  reissueLetter(@Ctx() ctx: RequestContext, @Arg('input', () => ReissueLetterInput, { description: 'The letter to act on.' }) input: ReissueLetterInput) {
    return reissueLetter(ctx, input.id);
  }

  @Requires(Policies.can('runBatch', 'Letter'))
  @Mutation(() => RunLetterBatchPayload, {
    description: 'Runs the end-of-day letter batch now (normally `npm run letters:batch` on a schedule): every GENERATED letter becomes SENT (LET-2, LET-4).',
  })
  async runLetterBatch(@Ctx() ctx: RequestContext) {
    return Object.assign(new RunLetterBatchPayload(), await runLetterBatch(ctx.dataSource, ctx.now));
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'The addressee (visible whenever the letter is).' })
  contact(@Ctx() ctx: RequestContext, @Root() letter: Letter) {
    return contactById(ctx).load(letter.contactId);
  }

  @FieldResolver(() => ServiceRequest, { nullable: true, description: 'The SR the letter belongs to, when the caller may see it.' })
  serviceRequest(@Ctx() ctx: RequestContext, @Root() letter: Letter) {
    return letter.serviceRequestId ? serviceRequestById(ctx).load(letter.serviceRequestId) : null;
  }
}
