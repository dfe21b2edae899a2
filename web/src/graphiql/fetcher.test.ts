import { describe, expect, it } from "vitest";
import { requestHeaders } from "./fetcher";

describe("GraphiQL fetcher", () => {
  it("sends the tenant header and the token only when given", () => {
    expect(requestHeaders({ tenant: "", token: "" })).toEqual({
      "Content-Type": "application/json",
      Accept: "application/graphql-response+json, application/json",
    });
    const headers = requestHeaders({ tenant: " Lyon ", token: "abc" }, { "X-Extra": "1", Ignored: 3 });
    expect(headers["X-Civic-Tenant"]).toBe("lyon");
    expect(headers.Authorization).toBe("Bearer abc");
    expect(headers["X-Extra"]).toBe("1");
    expect(headers).not.toHaveProperty("Ignored");
  });
});
