import { describe, expect, it } from "vitest";
import { contrast, luminance } from "../../branding";
import { contrastChecks, isColour, minimumContrast, ratioText } from "./contrast";

// WCAG 2.1's contrast ratio (relative luminance, (L1 + 0.05) / (L2 + 0.05)) and the admin preview's warning below 4.5:1.
describe("contrast", () => {
  it("gives 21:1 for black on white and 1:1 for a colour on itself, in either order", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#ffffff", "#000000")).toBeCloseTo(21, 5);
    expect(contrast("#7c2d12", "#7c2d12")).toBe(1);
  });

  it("follows the WCAG luminance formula, with its low-channel linear part", () => {
    expect(luminance("#ffffff")).toBeCloseTo(1, 10);
    expect(luminance("#000000")).toBe(0);
    // 0x0a is 10/255 = 0.03922, under WCAG's 0.03928 threshold: the linear part (c / 12.92) applies.
    expect(luminance("#0a0a0a")).toBeCloseTo(10 / 255 / 12.92, 10);
    expect(luminance("#808080")).toBeCloseTo(((128 / 255 + 0.055) / 1.055) ** 2.4, 10);
  });

  it("puts the 4.5:1 line between #767676 and #777777 on white", () => {
    expect(contrast("#767676", "#ffffff")).toBeGreaterThanOrEqual(minimumContrast);
    expect(contrast("#777777", "#ffffff")).toBeLessThan(minimumContrast);
  });

  it("warns for each pair of the theme below 4.5:1 and for none of a readable theme", () => {
    const weak = contrastChecks("#fbbf24", "#fde68a").filter((c) => !c.ok).map((c) => c.pair);
    expect(weak).toEqual(["primaryOnWhite"]);
    expect(contrastChecks("#7c2d12", "#fde68a").every((c) => c.ok)).toBe(true);
    const yellow = contrastChecks("#ffff00", "#ffffff").find((c) => c.pair === "primaryOnWhite")!;
    expect(yellow.ratio).toBeCloseTo(1.07, 2);
  });

  it("never rounds a failing ratio up to the line", () => {
    expect(ratioText(4.49, "en")).toBe("4.4");
    expect(ratioText(21, "fr")).toBe("21,0");
  });

  it("accepts #rrggbb colours only", () => {
    expect(isColour("#1D4ED8")).toBe(true);
    expect(isColour("1d4ed8")).toBe(false);
    expect(isColour("#fff")).toBe(false);
    expect(isColour("red")).toBe(false);
  });
});
