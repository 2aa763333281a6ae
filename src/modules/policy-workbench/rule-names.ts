import { RuleReason } from '../../authorization/ability';

const KEY_OF_REASON = new Map<string, string>(Object.entries(RuleReason).map(([key, reason]) => [reason, key]));

/** A rule by its name in RuleReason ("segmentWork"), which suites, simulations and the policy table use. */
export const ruleKeyOf = (reason: string | null | undefined) => (reason ? KEY_OF_REASON.get(reason) ?? reason : null);
