import { describe, expect, it } from "vitest";
import { brandingInput, brandingProblems, fieldOfCode, isLogoUrl } from "./branding-rules";
import { brandingProperties, contrast, textOn } from "../../branding";

const good = { name: "Ville de Lyon", logoUrl: "", primary: "#1d4ed8", secondary: "#f59e0b", locale: "fr" };

describe("branding form rules", () => {
  it("accepts a good draft and sends it trimmed, an empty logo as none", () => {
    expect(brandingProblems(good)).toEqual({});
    expect(brandingInput({ ...good, name: "  Lyon ", logoUrl: "  " })).toEqual({
      name: "Lyon", logoUrl: null, primaryColor: "#1d4ed8", secondaryColor: "#f59e0b", locale: "fr",
    });
  });

  it("names every broken field with the API's code", () => {
    const problems = brandingProblems({ name: " ", logoUrl: "http://a.example/l.svg", primary: "#12345", secondary: "red", locale: "de" });
    expect(problems).toEqual({
      name: "TENANT_NAME_INVALID", logoUrl: "LOGO_URL_INVALID", primary: "PRIMARY_COLOR_INVALID",
      secondary: "SECONDARY_COLOR_INVALID", locale: "LOCALE_UNSUPPORTED",
    });
    for (const [field, code] of Object.entries(problems)) expect(fieldOfCode[code]).toBe(field);
    expect(brandingProblems({ ...good, name: "a".repeat(201) }).name).toBe("TENANT_NAME_INVALID");
    expect(brandingProblems({ ...good, name: "a".repeat(200) }).name).toBeUndefined();
  });

  it("takes https URLs and paths on the site as logos, nothing else", () => {
    expect(isLogoUrl("https://cdn.example.org/logo.svg")).toBe(true);
    expect(isLogoUrl("/media/logo.png")).toBe(true);
    for (const bad of ["http://a.example/l.svg", "//evil.example/l.svg", "javascript:alert(1)", "/a b.svg", "/\\\\host/x", "logo.svg",
      "https://a.example/" + "a".repeat(2048)]) {
      expect(isLogoUrl(bad), bad).toBe(false);
    }
  });
});

describe("branding properties", () => {
  it("gives text on any colour at least 4.5:1, so no colour needs refusing for its contrast", () => {
    // Every colour on a 17-step grid of each channel (4 913 colours, the darkest to the lightest).
    let worst = 21;
    for (let r = 0; r <= 255; r += 15) for (let g = 0; g <= 255; g += 15) for (let b = 0; b <= 255; b += 15) {
      const hex = "#" + [r, g, b].map((c) => c.toString(16).padStart(2, "0")).join("");
      worst = Math.min(worst, contrast(hex, textOn(hex)));
    }
    expect(worst).toBeGreaterThanOrEqual(4.5);
  });

  it("falls back to near-black links when the primary colour is too light on white", () => {
    expect(brandingProperties({ primaryColor: "#FBBF24", secondaryColor: "#fde68a" })).toEqual({
      "--civic-primary": "#fbbf24", "--civic-on-primary": "#000000", "--civic-secondary": "#fde68a",
      "--civic-on-secondary": "#000000", "--civic-link": "#1f2937", "--civic-focus": "#1f2937", "--civic-focus-on-primary": "#000000",
    });
    expect(brandingProperties({ primaryColor: "#7c2d12", secondaryColor: "bad" })["--civic-link"]).toBe("#7c2d12");
    expect(brandingProperties({ primaryColor: "#7c2d12", secondaryColor: "bad" })["--civic-secondary"]).toBe("#f59e0b");
  });

  it("gives focus rings 3:1 against the page and against the header, whatever the colours", () => {
    const steps = ["00", "33", "66", "99", "cc", "ff"];
    const colours = steps.flatMap((r) => steps.flatMap((g) => steps.map((b) => `#${r}${g}${b}`)));
    let worstPage = 21, worstHeader = 21;
    for (const primary of colours) {
      for (const secondary of ["#fde68a", "#f59e0b", "#ffffff", "#1d4ed8", primary]) {
        const p = brandingProperties({ primaryColor: primary, secondaryColor: secondary });
        worstPage = Math.min(worstPage, contrast(p["--civic-focus"], "#ffffff"));
        worstHeader = Math.min(worstHeader, contrast(p["--civic-focus-on-primary"], p["--civic-primary"]));
      }
    }
    expect(worstPage).toBeGreaterThanOrEqual(3);
    expect(worstHeader).toBeGreaterThanOrEqual(3);
  });

  it("keeps a secondary colour that shows on white as the focus ring, and replaces one that does not", () => {
    expect(brandingProperties({ primaryColor: "#7c2d12", secondaryColor: "#b45309" })["--civic-focus"]).toBe("#b45309");
    expect(brandingProperties({ primaryColor: "#7c2d12", secondaryColor: "#fde68a" })["--civic-focus"]).toBe("#7c2d12");
  });
});
