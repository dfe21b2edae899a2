// Files the API serves outside GraphQL (/exports/..., /receipts/...): they need the bearer token, which a plain link
// cannot carry, so the page fetches them and hands the browser the bytes as a download. Tested by downloads.test.ts.

/** The stable code of a refused download: the API's GraphQL-shaped error body, else one named by the HTTP status. */
export function refusalCode(status: number, body: unknown): string {
  const errors = (body as { errors?: { extensions?: { code?: unknown } }[] } | null)?.errors;
  const code = Array.isArray(errors) ? errors[0]?.extensions?.code : undefined;
  if (typeof code === "string" && code) return code;
  if (status === 401) return "UNAUTHENTICATED";
  if (status === 403) return "FORBIDDEN";
  if (status === 404) return "NOT_FOUND";
  if (status === 503) return "UNAVAILABLE";
  return "DOWNLOAD_FAILED";
}

/** A file name safe on every system from what names the file (a receipt number, a campaign id). */
export function safeFileName(stem: string, extension: string): string {
  const clean = stem.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "civic";
  return `${clean}.${extension}`;
}

/** The path of a receipt's printable page; the beneficiary picks one receipt when two carry the same number. */
export function receiptPath(number: string, beneficiary?: string): string {
  const query = beneficiary ? `?beneficiary=${encodeURIComponent(beneficiary)}` : "";
  return `/receipts/${encodeURIComponent(number)}.html${query}`;
}

/** Fetches `path` with the token and saves it as `fileName`; null once saved, else the refusal's code. */
export async function download(path: string, fileName: string, token: string | null): Promise<string | null> {
  let response: Response;
  try {
    response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    return "DOWNLOAD_FAILED";
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    return refusalCode(response.status, body);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return null;
}
