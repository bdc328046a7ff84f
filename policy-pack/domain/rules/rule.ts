/** The shape of a rule: one per control, a pure function of the account state. */
import type { PolicyName } from "../../controls";
import type { AccountState } from "../state";
import type { Verdict } from "../verdict";

export interface RuleOptions {
  /**
   * Checkers whose stricter reading turns a note into a gap. Off by default: CIS does not ask for what they add
   * (e.g. Security Hub Config.1's service-linked role check), and the program offers alternatives on purpose.
   */
  readonly strict: readonly "securityHub"[];
}

export const defaultRuleOptions: RuleOptions = { strict: [] };

export interface Rule {
  readonly policy: PolicyName;
  /** One pass over the state; lookups only. */
  evaluate(state: AccountState, options: RuleOptions): readonly Verdict[];
}
