import { describe, expect, it } from "vitest";
import { commentProblem, draftProblems, similarText } from "./rules";
import { isModerator } from "../../viewer";

const box = { categories: ["Nature", "Mobilité"], districts: ["Nord", "Sud"] };
const good = { title: "Des arbres rue Pasteur", body: "De l'ombre en été.", category: "Nature", district: "" };

describe("an idea draft", () => {
  it("passes with a title, a body and one of the box's categories (the district is optional)", () => {
    expect(draftProblems(good, box)).toEqual({});
  });

  it("needs a title of at most 150 characters and a body of at most 5,000", () => {
    expect(draftProblems({ ...good, title: "  " }, box)).toEqual({ title: "required" });
    expect(draftProblems({ ...good, title: "x".repeat(151) }, box)).toEqual({ title: "tooLong" });
    expect(draftProblems({ ...good, body: "x".repeat(5001) }, box)).toEqual({ body: "tooLong" });
  });

  it("takes a category of the box when the box has some, and only the box's districts", () => {
    expect(draftProblems({ ...good, category: "" }, box)).toEqual({ category: "choose" });
    expect(draftProblems({ ...good, category: "" }, { categories: [], districts: [] })).toEqual({});
    expect(draftProblems({ ...good, district: "Est" }, box)).toEqual({ district: "choose" });
  });
});

describe("similar-idea hints", () => {
  it("wait for four letters or digits, and send the title with its spaces folded", () => {
    expect(similarText("arb")).toBeNull();
    expect(similarText(" !!  ?? ")).toBeNull();
    expect(similarText("  arbres   rue ")).toBe("arbres rue");
  });
});

describe("a comment", () => {
  it("has 1 to 1,000 characters", () => {
    expect(commentProblem(" ")).toBe("required");
    expect(commentProblem("x".repeat(1001))).toBe("tooLong");
    expect(commentProblem("Bonne idée")).toBeNull();
  });
});

describe("the viewer", () => {
  const as = (role: string) => ({ id: "x", role, displayName: null });

  it("is a moderator for the MODERATOR and ADMIN roles only", () => {
    expect(isModerator(as("MODERATOR"))).toBe(true);
    expect(isModerator(as("ADMIN"))).toBe(true);
    expect(isModerator(as("MEMBER"))).toBe(false);
    expect(isModerator(as("POLLING_OFFICER"))).toBe(false);
    expect(isModerator(null)).toBe(false);
  });
});
