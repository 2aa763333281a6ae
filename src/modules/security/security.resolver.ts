import DataLoader from 'dataloader';
import { defineLoader } from '../../request/loaders';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Policies, Requires } from '../../authorization/policy';
import type { RequestContext } from '../../request/context';
import { Contact } from '../contacts/contact.entity';
import { srPayload } from '../service-requests/sr-payloads';
import { SecurityAccount } from './security-account.entity';
import {
  acceptSecurityDetailsChange, completeSecurityDetailsChange, declineSecurityDetailsChange, requestSecurityDetailsChange,
  sendSecurityDetailsForm, sendSecurityDetailsReminder, startSecurityDetailsChange,
} from './security-change.service';
import { answerSecurityCheck, startSecurityCheck, verifiedUntil } from './security-check.service';
import { applySecurityDefaults, setUpSecurity } from './security-set-up.service';
import {
  AcceptSecurityDetailsChangeInput, AnswerSecurityCheckInput, ApplySecurityDefaultsInput, CompleteSecurityDetailsChangeInput,
  DeclineSecurityDetailsChangeInput, RequestSecurityDetailsChangeInput, AnswerSecurityCheckPayload, SecurityStatus,
  SendSecurityDetailsFormInput, SetUpSecurityInput, StartSecurityCheckInput,
} from './security-types';
import {
  AcceptSecurityDetailsChangePayload, ApplySecurityDefaultsPayload, CompleteSecurityDetailsChangePayload, DeclineSecurityDetailsChangePayload,
  RequestSecurityDetailsChangePayload, SendSecurityDetailsFormPayload, SendSecurityDetailsReminderInput, SendSecurityDetailsReminderPayload,
  SetUpSecurityPayload, StartSecurityCheckPayload, StartSecurityDetailsChangeInput, StartSecurityDetailsChangePayload,
} from './security-payloads';


@Resolver()
export class SecurityResolver {
  @Requires(Policies.can('work', 'ServiceRequest'))
  @Mutation(() => SetUpSecurityPayload, {
    description: 'SEC-1: sets up PIN, password and memorable answers for the subject of an IN_PROGRESS SECURITY_SET_UP SR, ' +
      'marks "Collect Security Questions" done and closes the SR. Not for an employer representative (REP-2) or a CSA-arrears-only case (SEC-8).',
  })
  async setUpSecurity(@Ctx() ctx: RequestContext, @Arg('input', () => SetUpSecurityInput, { description: 'The SECURITY_SET_UP service request and the PIN, password and memorable answers to keep.' }) input: SetUpSecurityInput) {
    return srPayload(SetUpSecurityPayload, await setUpSecurity(ctx, input));
  }

  @Requires(Policies.can('work', 'ServiceRequest'))
  @Mutation(() => ApplySecurityDefaultsPayload, {
    description: 'SEC-2: PIN 1234567, password "Apply Defaults", answers X, the contact marked on defaults; "Collect Security Questions" done, SR closed.',
  })
  async applySecurityDefaults(@Ctx() ctx: RequestContext, @Arg('input', () => ApplySecurityDefaultsInput, { description: 'The SECURITY_SET_UP service request and why defaults are applied.' }) input: ApplySecurityDefaultsInput) {
    return srPayload(ApplySecurityDefaultsPayload, await applySecurityDefaults(ctx, input));
  }

  @Requires(Policies.can('verify', 'Contact'))
  @Mutation(() => StartSecurityCheckPayload, {
    description: 'SEC-4: picks two PIN positions and two memorable questions to ask. Caseworkers for contacts they may see; a client for themselves.',
  })
  async startSecurityCheck(@Ctx() ctx: RequestContext, @Arg('input', () => StartSecurityCheckInput, { description: 'The contact to check.' }) input: StartSecurityCheckInput) {
    return Object.assign(new StartSecurityCheckPayload(), { challenge: await startSecurityCheck(ctx, input.contactId) });
  }

  @Requires(Policies.can('verify', 'Contact'))
  @Mutation(() => AnswerSecurityCheckPayload, {
    description: 'SEC-4/SEC-5: answers a challenge. Not case sensitive for caseworkers, case sensitive in self service; three failures in a row block the account.',
  })
  answerSecurityCheck(@Ctx() ctx: RequestContext, @Arg('input', () => AnswerSecurityCheckInput, { description: 'The check started by startSecurityCheck and the answers the client gave.' }) input: AnswerSecurityCheckInput) {
    return answerSecurityCheck(ctx, input);
  }

  @Requires(Policies.can('selfServe', 'Contact'))
  @Mutation(() => RequestSecurityDetailsChangePayload, {
    description: 'SEC-7: self service only. Raises a change of security details for the signed-in client with their new PIN and/or password; due within 24 hours.',
  })
  async requestSecurityDetailsChange(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RequestSecurityDetailsChangeInput, { description: 'The new security details the client gives.' }) input: RequestSecurityDetailsChangeInput,
  ) {
    return srPayload(RequestSecurityDetailsChangePayload, await requestSecurityDetailsChange(ctx, input));
  }

  @Requires(Policies.can('work', 'ServiceRequest'))
  @Mutation(() => StartSecurityDetailsChangePayload, { description: 'SEC-6 steps 5-6: IN_PROGRESS with sub status SECURITY_DETAILS; generates the plan (SR-3).' })
  async startSecurityDetailsChange(@Ctx() ctx: RequestContext, @Arg('input', () => StartSecurityDetailsChangeInput, { description: 'The service request to act on.' }) input: StartSecurityDetailsChangeInput) {
    return srPayload(StartSecurityDetailsChangePayload, await startSecurityDetailsChange(ctx, input));
  }

  @Requires(Policies.can('work', 'ServiceRequest'))
  @Mutation(() => SendSecurityDetailsFormPayload, { description: 'SEC-6 step 7: sends CMSL9800 and sets WAIT, next action due in 7 days.' })
  async sendSecurityDetailsForm(@Ctx() ctx: RequestContext, @Arg('input', () => SendSecurityDetailsFormInput, { description: 'The service request and why the form is sent.' }) input: SendSecurityDetailsFormInput) {
    return srPayload(SendSecurityDetailsFormPayload, await sendSecurityDetailsForm(ctx, input));
  }

  @Requires(Policies.can('work', 'ServiceRequest'))
  @Mutation(() => SendSecurityDetailsReminderPayload, { description: 'SEC-6 step 8: after 7 days without a reply, sends CMSL9801 and waits 7 more days.' })
  async sendSecurityDetailsReminder(@Ctx() ctx: RequestContext, @Arg('input', () => SendSecurityDetailsReminderInput, { description: 'The service request to act on.' }) input: SendSecurityDetailsReminderInput) {
    return srPayload(SendSecurityDetailsReminderPayload, await sendSecurityDetailsReminder(ctx, input));
  }

  @Requires(Policies.can('work', 'ServiceRequest'))
  @Mutation(() => AcceptSecurityDetailsChangePayload, {
    description: 'SEC-6: verification received. Unblocks the account if blocked, replaces the PIN and/or password; sub status COFC_ACCEPT. Never for a representative (REP-1).',
  })
  async acceptSecurityDetailsChange(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => AcceptSecurityDetailsChangeInput, { description: 'The service request and the details from the returned form.' }) input: AcceptSecurityDetailsChangeInput,
  ) {
    return srPayload(AcceptSecurityDetailsChangePayload, await acceptSecurityDetailsChange(ctx, input));
  }

  @Requires(Policies.can('work', 'ServiceRequest'))
  @Mutation(() => CompleteSecurityDetailsChangePayload, { description: 'SEC-6: SMS or CMSL9802, resolution COFC_ACCEPTED, CLOSED / COMPLETE.' })
  async completeSecurityDetailsChange(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CompleteSecurityDetailsChangeInput, { description: 'The service request to complete and how to tell the client.' }) input: CompleteSecurityDetailsChangeInput,
  ) {
    return srPayload(CompleteSecurityDetailsChangePayload, await completeSecurityDetailsChange(ctx, input));
  }

  @Requires(Policies.can('work', 'ServiceRequest'))
  @Mutation(() => DeclineSecurityDetailsChangePayload, {
    description: 'SEC-6: outcome and sub status COFC_DECLINED, resolution COC_REJECTED, CLOSED / COMPLETE. NO_RESPONSE only after CMSL9801 and its 7 days.',
  })
  async declineSecurityDetailsChange(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => DeclineSecurityDetailsChangeInput, { description: 'The service request and why the change is declined.' }) input: DeclineSecurityDetailsChangeInput,
  ) {
    return srPayload(DeclineSecurityDetailsChangePayload, await declineSecurityDetailsChange(ctx, input));
  }
}


/** Security status of contacts already loaded as visible; never the details themselves (SEC-3). */
const statusLoader = defineLoader((ctx) => new DataLoader<string, SecurityStatus>(async (ids) => {
  const manager = ctx.dataSource.manager;
  const accounts = await manager
    .createQueryBuilder(SecurityAccount, 'a')
    .select(['a.contactId', 'a.onDefaults', 'a.blocked', 'a.failedAttempts', 'a.blockedAt', 'a.setUpAt'])
    .where('a.contact_id = ANY(:ids)', { ids: [...ids] })
    .getMany();
  const byId = new Map(accounts.map((account) => [account.contactId, account]));
  const windows = await verifiedUntil(manager, ids, ctx.now);
  return ids.map((id) => {
    const account = byId.get(id);
    return {
      setUp: Boolean(account),
      onDefaults: account?.onDefaults ?? false,
      blocked: account?.blocked ?? false,
      failedAttempts: account?.failedAttempts ?? 0,
      blockedAt: account?.blockedAt ?? null,
      setUpAt: account?.setUpAt ?? null,
      verifiedUntil: account && !account.blocked ? windows.get(id) ?? null : null,
    };
  });
}));

@Resolver(() => Contact)
export class ContactSecurityResolver {
  @FieldResolver(() => SecurityStatus, {
    description: 'Whether security details are set up, on defaults, blocked (SEC-2, SEC-5); never the details themselves (SEC-3).',
  })
  securityStatus(@Ctx() ctx: RequestContext, @Root() contact: Contact): Promise<SecurityStatus> {
    return statusLoader(ctx).load(contact.id);
  }
}
