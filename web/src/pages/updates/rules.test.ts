import { describe, expect, it } from "vitest";
import { fieldOfCode, updateLimits, updateProblems } from "./rules";

describe("campaign update rules", () => {
  it("asks for a title and a text, blanks not counting", () => {
    expect(updateProblems({ title: "  ", body: "\n" })).toEqual({ title: "required", body: "required" });
    expect(updateProblems({ title: "Les bacs sont arrivés", body: "Merci !" })).toEqual({});
  });

  it("bounds the title to 150 characters and the text to 10,000, as the API does", () => {
    expect(updateProblems({ title: "t".repeat(updateLimits.title), body: "b".repeat(updateLimits.body) })).toEqual({});
    expect(updateProblems({ title: "t".repeat(151), body: "b".repeat(10_001) })).toEqual({ title: "tooLong", body: "tooLong" });
  });

  it("marks the field an API code is about", () => {
    expect(fieldOfCode("CAMPAIGN_UPDATE_TITLE_INVALID")).toBe("title");
    expect(fieldOfCode("CAMPAIGN_UPDATE_BODY_INVALID")).toBe("body");
    expect(fieldOfCode("QUOTA_EXCEEDED")).toBeNull();
    expect(fieldOfCode(null)).toBeNull();
  });
});
