// The rules a ballot must follow before it is sent, as the API checks them (castBallot): the form shows them
// live and keeps the button disabled until the ballot is valid.

export type BallotType = "CHOOSE_ONE" | "APPROVAL" | "KNAPSACK" | "CUMULATIVE" | "ORDINAL" | "MAJORITY_JUDGMENT";

export interface BallotRules {
  ballotType: BallotType;
  minChoices: number;
  maxChoices: number;
  /** KNAPSACK: the budget in minor units (the vote's, or the member's district's). */
  budget?: number;
  minimumSpendPercent?: number;
  maxPointsPerProject?: number;
  maxTotalPoints?: number;
  gradeScale?: number;
  /** ORDINAL: exactly maxChoices ranks (the API's default, and always accepted) or 1 to maxChoices. */
  exactRanks?: boolean;
}

/** The form supports these ballot types; others show a notice. */
export const supported: readonly BallotType[] = ["CHOOSE_ONE", "APPROVAL", "KNAPSACK", "CUMULATIVE", "ORDINAL", "MAJORITY_JUDGMENT"];

/** Chooses or unchooses an option: CHOOSE_ONE replaces the choice; APPROVAL never goes beyond maxChoices. */
export function toggle(rules: BallotRules, chosen: readonly string[], option: string): string[] {
  if (rules.ballotType === "CHOOSE_ONE") return [option];
  if (chosen.includes(option)) return chosen.filter((id) => id !== option);
  if (chosen.length >= approvalMax(rules)) return [...chosen];
  return [...chosen, option];
}

function approvalMax(rules: BallotRules): number {
  return rules.maxChoices > 0 ? rules.maxChoices : Number.MAX_SAFE_INTEGER;
}

/** Whether the choices make a ballot the API accepts. */
export function isValid(rules: BallotRules, chosen: readonly string[]): boolean {
  if (new Set(chosen).size !== chosen.length) return false;
  switch (rules.ballotType) {
    case "CHOOSE_ONE":
      return chosen.length === 1;
    case "APPROVAL":
      return chosen.length >= Math.max(1, rules.minChoices) && chosen.length <= approvalMax(rules);
    default:
      return false;
  }
}

/** Whether an unchosen option can still be chosen (APPROVAL at its maximum: no). */
export function canChoose(rules: BallotRules, chosen: readonly string[], option: string): boolean {
  if (chosen.includes(option) || rules.ballotType === "CHOOSE_ONE") return true;
  return chosen.length < approvalMax(rules);
}
