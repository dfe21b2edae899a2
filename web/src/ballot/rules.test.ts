import { describe, expect, it } from "vitest";
import { canChoose, isValid, toggle, type BallotRules } from "./rules";

const chooseOne: BallotRules = { ballotType: "CHOOSE_ONE", minChoices: 1, maxChoices: 1 };
const approval: BallotRules = { ballotType: "APPROVAL", minChoices: 2, maxChoices: 3 };

describe("choose-one ballot", () => {
  it("keeps exactly the last option chosen", () => {
    expect(toggle(chooseOne, ["a"], "b")).toEqual(["b"]);
    expect(isValid(chooseOne, ["b"])).toBe(true);
  });
  it("refuses no choice or two", () => {
    expect(isValid(chooseOne, [])).toBe(false);
    expect(isValid(chooseOne, ["a", "b"])).toBe(false);
  });
});

describe("approval ballot with min 2 and max 3", () => {
  it("is valid from the minimum to the maximum only", () => {
    expect(isValid(approval, ["a"])).toBe(false);
    expect(isValid(approval, ["a", "b"])).toBe(true);
    expect(isValid(approval, ["a", "b", "c"])).toBe(true);
    expect(isValid(approval, ["a", "b", "c", "d"])).toBe(false);
  });
  it("does not choose beyond the maximum, and unchooses", () => {
    expect(toggle(approval, ["a", "b", "c"], "d")).toEqual(["a", "b", "c"]);
    expect(canChoose(approval, ["a", "b", "c"], "d")).toBe(false);
    expect(canChoose(approval, ["a", "b", "c"], "a")).toBe(true);
    expect(toggle(approval, ["a", "b", "c"], "b")).toEqual(["a", "c"]);
  });
  it("refuses the same option twice", () => {
    expect(isValid(approval, ["a", "a"])).toBe(false);
  });
});
