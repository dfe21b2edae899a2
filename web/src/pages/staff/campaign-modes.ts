// The loan terms and the equity offer of a new campaign, read from the form and held to the rules the API applies
// (CampaignRules.ValidateMode, LoanSchedule, EquityRules), so that the admin sees every problem at once. Tested by
// campaign-modes.test.ts; the API checks them again.
import { toCents, toInt } from "./forms";

export type LoanText = { rate: string; termMonths: string; firstRepaymentOn: string };
export type EquityText = { sharePrice: string; sharesOffered: string; maxRaise: string; kiis: string };
export type Checked<T> = { value: T; problems: [] } | { value: null; problems: string[] };

export const maxRateBasisPoints = 10_000;
export const maxTermMonths = 600;
/** The most an owner may raise in equity over 12 months (ECSP), in cents. */
export const maxEquityRaise = 500_000_000;

/** "3", "3,5" or "3.25" percent as basis points (1 bp = 0.01 %); null for anything else. */
export function toBasisPoints(text: string): number | null {
  const m = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/** The loan terms; `endsAt` is the campaign's end (an ISO instant, or null when not given yet). */
export function loanTerms(text: LoanText, endsAt: string | null): Checked<{ annualRateBasisPoints: number; termMonths: number; firstRepaymentOn: string }> {
  const problems: string[] = [];
  const rate = toBasisPoints(text.rate);
  const term = toInt(text.termMonths);
  const first = /^\d{4}-\d{2}-\d{2}$/.test(text.firstRepaymentOn) ? text.firstRepaymentOn : null;
  if (rate === null || rate > maxRateBasisPoints) problems.push("rate");
  if (term === null || term < 1 || term > maxTermMonths) problems.push("term");
  // The API compares the first repayment with the end's UTC date.
  if (!first) problems.push("firstRepayment");
  else if (endsAt && first <= endsAt.slice(0, 10)) problems.push("firstRepaymentAfterEnd");
  return problems.length || rate === null || term === null || !first
    ? { value: null, problems }
    : { value: { annualRateBasisPoints: rate, termMonths: term, firstRepaymentOn: first }, problems: [] };
}

/** The equity offer; its minimum raise is the goal (in cents, or null when not valid yet). */
export function equityOffer(text: EquityText, goal: number | null): Checked<{ sharePrice: number; sharesOffered: number; minRaise: number; maxRaise: number; kiis: string }> {
  const problems: string[] = [];
  const price = toCents(text.sharePrice);
  const shares = toInt(text.sharesOffered);
  const max = toCents(text.maxRaise);
  const kiis = text.kiis.trim();
  if (!price) problems.push("sharePrice");
  if (shares === null || shares < 1) problems.push("sharesOffered");
  if (!max) problems.push("maxRaise");
  else {
    if (goal && max < goal) problems.push("maxBelowGoal");
    if (max > maxEquityRaise) problems.push("maxOverCap");
    if (price && shares && shares >= 1 && (max < price || max > price * shares)) problems.push("maxAgainstShares");
  }
  if (!kiis) problems.push("kiis");
  return problems.length || !price || shares === null || !max || !goal
    ? { value: null, problems }
    : { value: { sharePrice: price, sharesOffered: shares, minRaise: goal, maxRaise: max, kiis }, problems: [] };
}
