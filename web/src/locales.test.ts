import { describe, expect, it } from "vitest";
import fr from "./locales/fr.json";
import en from "./locales/en.json";

// Every message exists in both languages, in the common files and in each area's (locales/<area>/<lang>.json).
const areas = import.meta.glob<Record<string, unknown>>("./locales/*/*.json", { eager: true, import: "default" });

function keys(messages: unknown, prefix = ""): string[] {
  if (typeof messages !== "object" || messages === null) return [prefix];
  return Object.entries(messages).flatMap(([key, value]) => keys(value, prefix ? `${prefix}.${key}` : key)).sort();
}

describe("messages", () => {
  it("has the same keys in French and English", () => {
    expect(keys(en)).toEqual(keys(fr));
    const byArea = new Map<string, Record<string, unknown>>();
    for (const [path, messages] of Object.entries(areas)) byArea.set(path, messages);
    for (const [path, messages] of byArea) {
      const other = path.endsWith("/fr.json") ? path.replace(/fr\.json$/, "en.json") : path.replace(/en\.json$/, "fr.json");
      expect(byArea.has(other), `${other} is missing`).toBe(true);
      expect(keys(messages)).toEqual(keys(byArea.get(other)));
    }
  });

  it("gives each area keys of its own", () => {
    const common = new Set(Object.keys(fr));
    for (const [path, messages] of Object.entries(areas)) {
      for (const key of Object.keys(messages)) expect(common.has(key), `${path} redefines ${key}`).toBe(false);
    }
  });
});
