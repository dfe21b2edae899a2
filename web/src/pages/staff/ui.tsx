import type { ReactNode } from "react";
import type { CombinedError } from "urql";
import { useTranslation } from "react-i18next";
import { Link } from "../../router";
import type { StaffRole } from "./role";

/** An API error as a message of the staff area (by its stable code), announced to screen readers. */
export function StaffError({ error }: { error: CombinedError }) {
  const { t } = useTranslation();
  const first = error.graphQLErrors[0];
  const code = typeof first?.extensions?.code === "string" ? first.extensions.code : null;
  const message = first?.message ?? error.message;
  return (
    <p role="alert" className="error">
      {code ? t(`staff.errors.${code}`, { defaultValue: t("staff.errors.other", { message }) }) : t("staff.errors.other", { message })}
      {code && <span className="muted"> ({code})</span>}
    </p>
  );
}

/** The staff area's own navigation: only what the role may do. */
export function StaffNav({ role, path }: { role: StaffRole; path: string }) {
  const { t } = useTranslation();
  const links: [string, string][] = [["/staff/moderation", t("staff.moderation.title")]];
  if (role === "admin") {
    links.push(
      ["/staff/campaigns/new", t("staff.campaign.title")],
      ["/staff/votes", t("staff.votes.title")],
      ["/staff/match-pool", t("staff.matchPool.title")],
      ["/staff/match-calls", t("staff.matchCalls.title")],
      ["/staff/receipts", t("staff.receipts.title")],
      ["/staff/branding", t("staff.branding.title")],
    );
  }
  return (
    <nav aria-label={t("staff.navLabel")} className="staff-nav">
      <ul>
        {links.map(([href, label]) => (
          <li key={href}><Link href={href} aria-current={path === href ? "page" : undefined}>{label}</Link></li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * A labelled form field: the label, the control, an optional hint and an optional error tied to it (the control names
 * them in aria-describedby: `${id}-hint`, `${id}-error`).
 */
export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <span id={`${id}-hint`} className="muted">{hint}</span>}
      {error && <span id={`${id}-error`} className="error">{error}</span>}
    </div>
  );
}
