import { describe, expect, it } from "vitest";
import { localIn, matchSettings, toCents, toInstant, toInt } from "./forms";
import { roleOf, staffRole } from "./role";

describe("staff forms", () => {
  it("reads euros as integer cents, with a comma or a point", () => {
    expect(toCents("12")).toBe(1200);
    expect(toCents("12,5")).toBe(1250);
    expect(toCents(" 1500.05 ")).toBe(150005);
    expect(toCents("0")).toBe(0);
  });

  it("refuses what is not an amount", () => {
    for (const text of ["", "-3", "1.234", "12 000", "1e3", "abc"]) expect(toCents(text), text).toBeNull();
  });

  it("reads whole numbers and dates", () => {
    expect(toInt("7")).toBe(7);
    expect(toInt("7.5")).toBeNull();
    expect(toInt("")).toBeNull();
    expect(toInstant("")).toBeNull();
    expect(toInstant("not a date")).toBeNull();
    const at = localIn(2, new Date(2026, 0, 30, 9, 5));
    expect(at).toBe("2026-02-01T09:05");
    expect(new Date(toInstant(at)!).getTime()).toBe(new Date(2026, 1, 1, 9, 5).getTime());
  });
});

describe("staff role", () => {
  const token = (payload: object) => `h.${btoa(JSON.stringify(payload)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_")}.s`;

  it("shows the staff pages to moderators and admins only", () => {
    expect(staffRole(token({ role: "admin" }))).toBe("admin");
    expect(staffRole(token({ role: "moderator" }))).toBe("moderator");
    expect(staffRole(token({ role: "member" }))).toBeNull();
    expect(staffRole(token({ role: "polling_officer" }))).toBeNull();
    expect(staffRole(null)).toBeNull();
    expect(staffRole("not-a-token")).toBeNull();
    expect(roleOf(token({ sub: "x" }))).toBeNull();
  });
});

describe("match settings", () => {
  const empty = { numerator: "", denominator: "", capContribution: "", capProject: "" };

  it("sends only the rules filled in, caps in cents", () => {
    expect(matchSettings({ ...empty, numerator: "2", denominator: "1", capProject: "750,5" }))
      .toEqual({ ratioNumerator: 2, ratioDenominator: 1, capPerProject: 75050 });
  });

  it("leaves every rule to the API when none is filled in", () => {
    expect(matchSettings({ ...empty, capContribution: "  " })).toBeNull();
  });

  it("refuses a ratio that is not a positive whole number, or a cap that is not an amount", () => {
    expect(matchSettings({ ...empty, numerator: "0" })).toBe("invalid");
    expect(matchSettings({ ...empty, denominator: "1.5" })).toBe("invalid");
    expect(matchSettings({ ...empty, capContribution: "-10" })).toBe("invalid");
  });
});
