import { describe, expect, it } from "vitest";
import {
  cumulativeValid, gradeBallot, gradesValid, knapsackValid, move, moveTo, ordinalValid, pointBallot, remainingPoints,
  setPoints, spending, toggleRank, type PointRules,
} from "./forms-rules";

const projects = [
  { id: "a", cost: 600 },
  { id: "b", cost: 300 },
  { id: "c", cost: 200 },
];

describe("knapsack budget bar", () => {
  it("adds the chosen projects' costs against the budget", () => {
    const s = spending(projects, ["a", "b"], 1000);
    expect(s).toMatchObject({ total: 900, budget: 1000, over: false, under: false });
    expect(knapsackValid(s, ["a", "b"])).toBe(true);
  });
  it("is over budget one cent beyond it, and then refuses the ballot", () => {
    const s = spending(projects, ["a", "b", "c"], 1099);
    expect(s.total).toBe(1100);
    expect(s.over).toBe(true);
    expect(knapsackValid(s, ["a", "b", "c"])).toBe(false);
    expect(knapsackValid(spending(projects, ["a", "b", "c"], 1100), ["a", "b", "c"])).toBe(true);
  });
  it("rounds the minimum spend up as the API does and refuses a ballot under it", () => {
    const s = spending(projects, ["b"], 1001, 70);
    expect(s.minimum).toBe(701);
    expect(s.under).toBe(true);
    expect(knapsackValid(s, ["b"])).toBe(false);
    expect(knapsackValid(spending(projects, ["a", "c"], 1001, 70), ["a", "c"])).toBe(true);
  });
  it("refuses an empty ballot even without a minimum", () => {
    expect(knapsackValid(spending(projects, [], 1000), [])).toBe(false);
  });
});

describe("cumulative points", () => {
  const rules: PointRules = { maxPointsPerProject: 3, maxTotalPoints: 5, minChoices: 1, maxChoices: 0 };
  it("clamps a project's points to the per-project maximum and to what is left", () => {
    let points = setPoints(rules, {}, "a", 9);
    expect(points).toEqual({ a: 3 });
    points = setPoints(rules, points, "b", 3);
    expect(points).toEqual({ a: 3, b: 2 });
    expect(remainingPoints(rules, points)).toBe(0);
    expect(setPoints(rules, points, "c", 1)).toEqual({ a: 3, b: 2 });
  });
  it("gives points back when lowered, and drops a project at zero or on bad input", () => {
    const points = setPoints(rules, { a: 3, b: 2 }, "a", 1);
    expect(remainingPoints(rules, points)).toBe(2);
    expect(setPoints(rules, points, "a", 0)).toEqual({ b: 2 });
    expect(setPoints(rules, points, "a", Number.NaN)).toEqual({ b: 2 });
    expect(setPoints(rules, points, "a", -4)).toEqual({ b: 2 });
  });
  it("sends the projects with points in the options' order, the points parallel", () => {
    expect(pointBallot(["a", "b", "c"], { c: 1, a: 2 })).toEqual({ choices: ["a", "c"], points: [2, 1] });
  });
  it("is valid with at least one point, within both maximums and the number of projects", () => {
    expect(cumulativeValid(rules, {})).toBe(false);
    expect(cumulativeValid(rules, { a: 3, b: 2 })).toBe(true);
    expect(cumulativeValid(rules, { a: 4 })).toBe(false);
    expect(cumulativeValid(rules, { a: 3, b: 3 })).toBe(false);
    expect(cumulativeValid({ ...rules, maxChoices: 1 }, { a: 1, b: 1 })).toBe(false);
    expect(cumulativeValid({ ...rules, minChoices: 2 }, { a: 1 })).toBe(false);
  });
});

describe("ordinal ranking", () => {
  it("adds projects at the bottom up to the number of ranks, and removes them", () => {
    const rules = { ranks: 2, exactRanks: true };
    let r = toggleRank(rules, [], "a");
    r = toggleRank(rules, r, "b");
    expect(r).toEqual(["a", "b"]);
    expect(toggleRank(rules, r, "c")).toEqual(["a", "b"]);
    expect(toggleRank(rules, r, "a")).toEqual(["b"]);
  });
  it("moves a project up and down by keyboard without leaving the ranking", () => {
    expect(move(["a", "b", "c"], "c", -1)).toEqual(["a", "c", "b"]);
    expect(move(["a", "b", "c"], "a", -1)).toEqual(["a", "b", "c"]);
    expect(move(["a", "b", "c"], "a", 1)).toEqual(["b", "a", "c"]);
    expect(move(["a", "b", "c"], "c", 1)).toEqual(["a", "b", "c"]);
  });
  it("moves a dragged project to where it is dropped", () => {
    expect(moveTo(["a", "b", "c"], 0, 2)).toEqual(["b", "c", "a"]);
    expect(moveTo(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(moveTo(["a", "b", "c"], 5, 0)).toEqual(["a", "b", "c"]);
  });
  it("needs exactly k ranks when the vote says exact, 1 to k otherwise", () => {
    expect(ordinalValid({ ranks: 3, exactRanks: true }, ["a", "b"])).toBe(false);
    expect(ordinalValid({ ranks: 3, exactRanks: true }, ["a", "b", "c"])).toBe(true);
    expect(ordinalValid({ ranks: 3, exactRanks: false }, ["a"])).toBe(true);
    expect(ordinalValid({ ranks: 3, exactRanks: false }, [])).toBe(false);
    expect(ordinalValid({ ranks: 2, exactRanks: false }, ["a", "b", "c"])).toBe(false);
    expect(ordinalValid({ ranks: 3, exactRanks: false }, ["a", "a"])).toBe(false);
  });
});

describe("majority judgment grades", () => {
  it("needs a grade from 0 to gradeScale-1 for every project", () => {
    expect(gradesValid(["a", "b"], { a: 0 }, 5)).toBe(false);
    expect(gradesValid(["a", "b"], { a: 0, b: 4 }, 5)).toBe(true);
    expect(gradesValid(["a", "b"], { a: 0, b: 5 }, 5)).toBe(false);
    expect(gradesValid(["a", "b"], { a: -1, b: 1 }, 5)).toBe(false);
  });
  it("sends every project with its grade in parallel", () => {
    expect(gradeBallot(["a", "b"], { b: 1, a: 3 })).toEqual({ choices: ["a", "b"], points: [3, 1] });
  });
});
