/** From the collectors' Result values to domain facts: a failed call is `unknown`, a call not made is `notVisible`. */
import { Fact, known, notVisible, unknown } from "../../policy-pack/domain/fact";
import { Result, describeFailure } from "../types";

export const NOT_ASKED = "not needed by the selected checks";

export function fromResult<T, U = T>(result: Result<T> | undefined, map: (value: T) => U = (v) => v as unknown as U): Fact<U> {
  if (result === undefined) {
    return notVisible(NOT_ASKED);
  }
  if (!result.ok) {
    return result.error.code === "NotCollected" ? notVisible(NOT_ASKED) : unknown(describeFailure(result.error));
  }
  return known(map(result.value));
}
