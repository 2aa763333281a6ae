import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A case of a policy suite whose expectations the decision contradicts (POL-1).' })
export class PolicyCaseFailure {
  @Field({ description: 'The case name, e.g. "SCR-1: a caseworker does not see a sensitive contact".' })
  name: string;

  @Field({ description: 'Where the case is in the suite, e.g. cases[3].' })
  path: string;

  @Field(() => [String], { description: 'What was expected and what came instead.' })
  failures: string[];

  @Field(() => String, { nullable: true, description: 'The rule of the role table that decided; null when no rule allows it (deny by default).' })
  decidedBy: string | null;

  @Field(() => [String], { description: "The principal's rules for this action and subject that were tried." })
  consideredRules: string[];

  @Field({ description: 'The failure as `npm run policy:test` prints it.' })
  report: string;
}

@ObjectType({ description: 'The outcome of a policy suite run against the real role table and its SQL, with nothing written (POL-1).' })
export class PolicySuiteReport {
  @Field({ description: 'Every case met its expectations.' })
  passed: boolean;

  @Field(() => Int, { description: 'Cases run.' })
  total: number;

  @Field(() => Int, { description: 'Cases that did not meet their expectations.' })
  failed: number;

  @Field(() => [PolicyCaseFailure], { description: 'Each failed case, with why.' })
  failures: PolicyCaseFailure[];
}
