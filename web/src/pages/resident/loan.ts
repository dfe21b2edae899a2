// A lender's repayment schedule, computed in the browser by the rule the API states (constant instalments, interest
// rounded half up on the remaining principal each month, the last instalment absorbing the rounding), so a lender
// sees what they would be repaid before lending. After the campaign succeeds, the API's own schedule is shown instead.

export interface Instalment {
  number: number;
  /** yyyy-MM-dd */
  dueOn: string;
  principal: number;
  interest: number;
  total: number;
  remainingPrincipal: number;
}

const monthly = 120_000n; // 12 months × 10,000 basis points

function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator);
}

/** The constant instalment in cents: P·b·(D+b)^n / (D·((D+b)^n − D^n)), D = 120,000; P/n without interest. */
export function annuity(principal: number, rateBasisPoints: number, months: number): number {
  if (rateBasisPoints === 0) return Math.floor(principal / months);
  const b = BigInt(rateBasisPoints);
  const grow = (monthly + b) ** BigInt(months);
  return Number(roundHalfUp(BigInt(principal) * b * grow, monthly * (grow - monthly ** BigInt(months))));
}

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

export function loanSchedule(principal: number, rateBasisPoints: number, months: number, firstRepaymentOn: string): Instalment[] {
  if (!(principal > 0) || months < 1) return [];
  const instalment = annuity(principal, rateBasisPoints, months);
  const lines: Instalment[] = [];
  let remaining = principal;
  for (let k = 1; k <= months; k++) {
    const interest = Number(roundHalfUp(BigInt(remaining) * BigInt(rateBasisPoints), monthly));
    const part = k === months ? remaining : Math.min(remaining, instalment - interest);
    remaining -= part;
    lines.push({ number: k, dueOn: addMonths(firstRepaymentOn, k - 1), principal: part, interest, total: part + interest, remainingPrincipal: remaining });
  }
  return lines;
}

/** The per-lender cap of French crowdlending (IFP) by default: 2,000 EUR with interest, 5,000 EUR interest-free (cents). */
export function lenderCap(rateBasisPoints: number): number {
  return rateBasisPoints > 0 ? 200_000 : 500_000;
}

/** ECSP: a non-sophisticated investor acknowledges the risk above the higher of 1,000 EUR or 5 % of net worth (cents). */
export function riskThreshold(declaredNetWorth: number | null): number {
  return Math.max(100_000, Math.floor(((declaredNetWorth ?? 0) * 5) / 100));
}

/** The end of the 4-calendar-day reflection period of an investment made at `at`. */
export function revocableUntil(at: string): Date {
  return new Date(new Date(at).getTime() + 4 * 86_400_000);
}
