import { describe, expect, it } from "vitest";
import { receiptPath, refusalCode, safeFileName } from "./downloads";

describe("refusalCode", () => {
  it("takes the API's code from its error body", () => {
    expect(refusalCode(409, { errors: [{ message: "no", extensions: { code: "VOTE_NOT_CLOSED" } }] })).toBe("VOTE_NOT_CLOSED");
  });

  it("names the status when the body carries no code", () => {
    expect(refusalCode(401, null)).toBe("UNAUTHENTICATED");
    expect(refusalCode(403, { errors: [] })).toBe("FORBIDDEN");
    expect(refusalCode(404, "not json")).toBe("NOT_FOUND");
    expect(refusalCode(503, { errors: [{ extensions: { code: 7 } }] })).toBe("UNAVAILABLE");
    expect(refusalCode(500, {})).toBe("DOWNLOAD_FAILED");
  });
});

describe("safeFileName", () => {
  it("keeps letters, digits, dots, dashes and underscores", () => {
    expect(safeFileName("recu-2026-000001", "html")).toBe("recu-2026-000001.html");
    expect(safeFileName("donateurs cmp_ab/../x", "csv")).toBe("donateurs-cmp_ab-..-x.csv");
  });

  it("never answers an empty stem", () => {
    expect(safeFileName("///", "csv")).toBe("civic.csv");
  });
});

describe("receiptPath", () => {
  it("escapes the number and adds the beneficiary when given", () => {
    expect(receiptPath("2026-000001")).toBe("/receipts/2026-000001.html");
    expect(receiptPath("2026-000001", "member a&b")).toBe("/receipts/2026-000001.html?beneficiary=member%20a%26b");
  });
});
