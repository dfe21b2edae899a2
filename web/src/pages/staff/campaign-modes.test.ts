import { describe, expect, it } from "vitest";
import { equityOffer, loanTerms, toBasisPoints } from "./campaign-modes";

describe("loan terms", () => {
  it("reads a percentage as basis points", () => {
    expect(toBasisPoints("3")).toBe(300);
    expect(toBasisPoints("3,5")).toBe(350);
    expect(toBasisPoints("0.25")).toBe(25);
    for (const text of ["", "-1", "3.125", "abc"]) expect(toBasisPoints(text), text).toBeNull();
  });

  it("answers the terms when the first repayment falls after the end", () => {
    expect(loanTerms({ rate: "2,5", termMonths: "24", firstRepaymentOn: "2027-03-01" }, "2027-01-31T23:00:00.000Z"))
      .toEqual({ value: { annualRateBasisPoints: 250, termMonths: 24, firstRepaymentOn: "2027-03-01" }, problems: [] });
  });

  it("names every problem at once", () => {
    expect(loanTerms({ rate: "101", termMonths: "0", firstRepaymentOn: "" }, null).problems).toEqual(["rate", "term", "firstRepayment"]);
    expect(loanTerms({ rate: "0", termMonths: "601", firstRepaymentOn: "2027-01-31" }, "2027-01-31T10:00:00.000Z").problems)
      .toEqual(["term", "firstRepaymentAfterEnd"]);
  });
});

describe("equity offer", () => {
  const offer = { sharePrice: "10", sharesOffered: "10000", maxRaise: "80000", kiis: "dic-2026-01.pdf" };

  it("takes the goal as the minimum raise", () => {
    expect(equityOffer(offer, 5_000_000)).toEqual({
      value: { sharePrice: 1000, sharesOffered: 10000, minRaise: 5_000_000, maxRaise: 8_000_000, kiis: "dic-2026-01.pdf" }, problems: [],
    });
  });

  it("refuses a maximum below the goal, above the shares offered or above 5 million euros, and a missing KIIS", () => {
    expect(equityOffer({ ...offer, maxRaise: "40000" }, 5_000_000).problems).toEqual(["maxBelowGoal"]);
    expect(equityOffer({ ...offer, maxRaise: "100001" }, 5_000_000).problems).toEqual(["maxAgainstShares"]);
    expect(equityOffer({ ...offer, sharesOffered: "1000000", maxRaise: "5000001" }, 5_000_000).problems).toEqual(["maxOverCap"]);
    expect(equityOffer({ ...offer, kiis: "  " }, 5_000_000).problems).toEqual(["kiis"]);
    expect(equityOffer({ sharePrice: "0", sharesOffered: "x", maxRaise: "", kiis: "" }, null).problems)
      .toEqual(["sharePrice", "sharesOffered", "maxRaise", "kiis"]);
  });
});
