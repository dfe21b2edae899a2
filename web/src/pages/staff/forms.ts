// Plain helpers of the staff forms, tested by forms.test.ts.

/** "12", "12,5" or "12.50" euros as integer cents; null for anything else (negative, more than 2 decimals, empty). */
export function toCents(text: string): number | null {
  const m = /^\s*(\d{1,12})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/** An <input type="datetime-local"> value as an ISO instant; null when empty or not a date. */
export function toInstant(local: string): string | null {
  if (!local.trim()) return null;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** A datetime-local value (minutes precision, local time) some days from now. */
export function localIn(days: number, now = new Date()): string {
  const at = new Date(now.getTime() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** A whole number from a form field; null when empty or not an integer. */
export function toInt(text: string): number | null {
  return /^\s*-?\d{1,9}\s*$/.test(text) ? Number(text) : null;
}

/** A fresh idempotency key for one money movement (the same key again adds nothing). */
export function newKey(): string {
  return crypto.randomUUID();
}

/** The matching rules as typed in a form (empty: the API's default); every field a string. */
export type MatchRulesText = { numerator: string; denominator: string; capContribution: string; capProject: string };

/**
 * The rules of a match pool or call from its form: only the fields filled in (the API takes its defaults for the
 * others), null when every field is empty, "invalid" when one is not a positive whole number or an amount in euros.
 */
export function matchSettings(text: MatchRulesText): Record<string, number> | null | "invalid" {
  const settings: Record<string, number> = {};
  const whole = (value: string) => {
    const n = toInt(value);
    return n !== null && n > 0 ? n : null;
  };
  const fields: [keyof MatchRulesText, string, (value: string) => number | null][] = [
    ["numerator", "ratioNumerator", whole],
    ["denominator", "ratioDenominator", whole],
    ["capContribution", "capPerContribution", toCents],
    ["capProject", "capPerProject", toCents],
  ];
  for (const [field, name, read] of fields) {
    if (!text[field].trim()) continue;
    const value = read(text[field]);
    if (value === null) return "invalid";
    settings[name] = value;
  }
  return Object.keys(settings).length ? settings : null;
}
