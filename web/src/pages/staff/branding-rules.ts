// The branding form's checks: the rules updateTenantBranding states (api/schema.graphql), with the API's error codes,
// so a field shows the same message whether the page or the API caught it. Tested by branding-rules.test.ts.
import { isColour } from "./contrast";

export interface BrandingDraft { name: string; logoUrl: string; primary: string; secondary: string; locale: string }

export type BrandingField = "name" | "logoUrl" | "primary" | "secondary" | "locale";

export const brandingLocales = ["fr", "en"] as const;
export const maxNameLength = 200;
export const maxLogoLength = 2048;

/** Which field an API error code is about (null: a code about no one field, such as FORBIDDEN). */
export const fieldOfCode: Record<string, BrandingField> = {
  TENANT_NAME_INVALID: "name",
  LOGO_URL_INVALID: "logoUrl",
  PRIMARY_COLOR_INVALID: "primary",
  SECONDARY_COLOR_INVALID: "secondary",
  LOCALE_UNSUPPORTED: "locale",
};

// One line of text: no control characters (C0, DEL, C1), as the API's TextShape.Line.
// eslint-disable-next-line no-control-regex
const control = /[\u0000-\u001f\u007f-\u009f]/;

/** An https URL, or a path on the site itself: one leading slash (two would name another host), no blanks or backslashes. */
export function isLogoUrl(value: string): boolean {
  if (value.length > maxLogoLength || control.test(value)) return false;
  if (value.startsWith("/")) return !value.startsWith("//") && !/[\s\\]/.test(value);
  try {
    return new URL(value).protocol === "https:";
  } catch {
    return false;
  }
}

/** The API error code of each field the draft breaks (all of them, where the API answers only the first). */
export function brandingProblems(draft: BrandingDraft): Partial<Record<BrandingField, string>> {
  const problems: Partial<Record<BrandingField, string>> = {};
  const name = draft.name.trim();
  if (name.length === 0 || name.length > maxNameLength || control.test(name)) problems.name = "TENANT_NAME_INVALID";
  const logo = draft.logoUrl.trim();
  if (logo && !isLogoUrl(logo)) problems.logoUrl = "LOGO_URL_INVALID";
  if (!isColour(draft.primary)) problems.primary = "PRIMARY_COLOR_INVALID";
  if (!isColour(draft.secondary)) problems.secondary = "SECONDARY_COLOR_INVALID";
  if (!(brandingLocales as readonly string[]).includes(draft.locale)) problems.locale = "LOCALE_UNSUPPORTED";
  return problems;
}

/** The mutation's input for a draft (trimmed; an empty logo removes it). */
export function brandingInput(draft: BrandingDraft) {
  return {
    name: draft.name.trim(),
    logoUrl: draft.logoUrl.trim() || null,
    primaryColor: draft.primary.trim(),
    secondaryColor: draft.secondary.trim(),
    locale: draft.locale,
  };
}
