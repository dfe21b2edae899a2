import { describe, expect, it } from "vitest";
import { annuity, lenderCap, loanSchedule, riskThreshold } from "./loan";

describe("a lender's schedule", () => {
  it("repays the principal exactly, the last instalment absorbing the rounding", () => {
    const lines = loanSchedule(133_333, 300, 12, "2027-01-31");
    expect(lines).toHaveLength(12);
    expect(lines.reduce((sum, l) => sum + l.principal, 0)).toBe(133_333);
    expect(lines[11].remainingPrincipal).toBe(0);
    expect(lines.slice(0, 11).every((l) => l.total === annuity(133_333, 300, 12))).toBe(true);
    expect(lines[1].dueOn).toBe("2027-02-28"); // month ends are kept within the month
  });

  it("charges no interest at 0 %", () => {
    const lines = loanSchedule(100_000, 0, 3, "2027-03-15");
    expect(lines.map((l) => [l.principal, l.interest])).toEqual([[33_333, 0], [33_333, 0], [33_334, 0]]);
  });

  it("computes the constant instalment by the annuity formula", () => {
    // 1,000.00 EUR at 12 % over 12 months: 88.85 EUR a month.
    expect(annuity(100_000, 1_200, 12)).toBe(8_885);
  });

  it("states the IFP caps and the ECSP risk threshold", () => {
    expect(lenderCap(300)).toBe(200_000);
    expect(lenderCap(0)).toBe(500_000);
    expect(riskThreshold(null)).toBe(100_000);
    expect(riskThreshold(10_000_000)).toBe(500_000);
  });
});
