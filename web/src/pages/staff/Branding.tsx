import { useState } from "react";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { TenantQuery } from "../../documents";
import { textOn } from "../../branding";
import { Loading } from "../common";
import { Field } from "./ui";
import { contrastChecks, isColour, minimumContrast, ratioText } from "./contrast";

interface Draft { name: string; logoUrl: string; primary: string; secondary: string; locale: string }

/**
 * Admins: the tenant's branding (name, logo, colours, locale) tried out in a live preview, with the WCAG contrast of
 * each pair the site draws (a warning below 4.5:1). The API offers no mutation to change a tenant's branding after
 * its creation yet: the platform operator applies the values checked here.
 */
export function Branding() {
  const { t } = useTranslation();
  const [{ data, fetching }] = useQuery({ query: TenantQuery });
  const tenant = data?.tenant;
  if (fetching && !data) return <Loading />;
  return (
    <BrandingEditor key={tenant?.slug ?? ""} initial={{
      name: tenant?.name ?? "",
      logoUrl: tenant?.branding.logoUrl ?? "",
      primary: tenant?.branding.primaryColor ?? "#1d4ed8",
      secondary: tenant?.branding.secondaryColor ?? "#f59e0b",
      locale: tenant?.locale ?? "fr",
    }} title={t("staff.branding.title")} />
  );
}

function ColourField({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <Field id={id} label={label} hint={isColour(value) ? undefined : t("staff.branding.badColour")}>
      <span className="colour">
        <input id={id} value={value} onChange={(e) => onChange(e.target.value)} maxLength={7} spellCheck={false}
          aria-invalid={isColour(value) ? undefined : true} aria-describedby={isColour(value) ? undefined : `${id}-hint`} />
        <input type="color" value={isColour(value) ? value.toLowerCase() : "#000000"} onChange={(e) => onChange(e.target.value)}
          aria-label={t("staff.branding.pick", { field: label })} />
      </span>
    </Field>
  );
}

function BrandingEditor({ initial, title }: { initial: Draft; title: string }) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const valid = isColour(draft.primary) && isColour(draft.secondary);
  const checks = valid ? contrastChecks(draft.primary, draft.secondary) : [];
  const weak = checks.filter((c) => !c.ok);
  const logo = /^https:\/\/\S+$/.test(draft.logoUrl) ? draft.logoUrl : null;

  return (
    <>
      <h1>{title}</h1>
      <p className="muted">{t("staff.branding.intro")}</p>
      <div className="branding">
        <form onSubmit={(e) => e.preventDefault()} aria-label={t("staff.branding.form")}>
          <Field id="b-name" label={t("staff.branding.name")}><input id="b-name" value={draft.name} onChange={(e) => set({ name: e.target.value })} maxLength={200} /></Field>
          <Field id="b-logo" label={t("staff.branding.logo")} hint={t("staff.branding.logoHint")}>
            <input id="b-logo" type="url" value={draft.logoUrl} onChange={(e) => set({ logoUrl: e.target.value })} aria-describedby="b-logo-hint" />
          </Field>
          <ColourField id="b-primary" label={t("staff.branding.primary")} value={draft.primary} onChange={(primary) => set({ primary })} />
          <ColourField id="b-secondary" label={t("staff.branding.secondary")} value={draft.secondary} onChange={(secondary) => set({ secondary })} />
          <Field id="b-locale" label={t("staff.branding.locale")}>
            <select id="b-locale" value={draft.locale} onChange={(e) => set({ locale: e.target.value })}>
              <option value="fr">Français</option>
              <option value="en">English</option>
            </select>
          </Field>
        </form>
        <section aria-labelledby="preview-title" className="preview">
          <h2 id="preview-title">{t("staff.branding.preview")}</h2>
          {/* An image of the site in these colours: a picture, so a weak pair shows as it would look without making
              this page itself fail its contrast audit. */}
          {valid && (
            <svg viewBox="0 0 360 200" role="img" aria-label={t("staff.branding.previewLabel", { name: draft.name || "—", primary: draft.primary, secondary: draft.secondary })} className="preview-site">
              <rect width="360" height="200" fill="#ffffff" stroke="#d1d5db" />
              <rect width="360" height="48" fill={draft.primary} />
              {logo && <image href={logo} x="12" y="8" width="32" height="32" />}
              <text x={logo ? 52 : 12} y="30" fill={textOn(draft.primary)} fontWeight="700" fontSize="16">{(draft.name || "—").slice(0, 36)}</text>
              <text x="12" y="80" fill="#111827" fontSize="13">{t("staff.branding.sampleText")}</text>
              <text x="12" y="102" fill={draft.primary} fontSize="13" textDecoration="underline">{t("staff.branding.sampleLink")}</text>
              <rect x="12" y="124" width="130" height="34" rx="4" fill={draft.primary} />
              <text x="77" y="146" fill={textOn(draft.primary)} fontSize="13" textAnchor="middle">{t("staff.branding.sampleButton")}</text>
              <rect x="156" y="128" width="110" height="26" rx="13" fill={draft.secondary} />
              <text x="211" y="146" fill={textOn(draft.secondary)} fontSize="13" textAnchor="middle">{t("staff.branding.sampleBadge")}</text>
              <rect x="12" y="172" width="336" height="10" rx="5" fill="#e5e7eb" />
              <rect x="12" y="172" width="200" height="10" rx="5" fill={draft.primary} />
            </svg>
          )}
        </section>
      </div>
      <div role="status" aria-live="polite" className="contrast">
        {valid && (weak.length > 0 ? (
          <div className="outcome failed" data-testid="contrast-warning">
            <p>{t("staff.branding.weak", { minimum: ratioText(minimumContrast, i18n.language) })}</p>
            <ul>{weak.map((c) => <li key={c.pair}>{t("staff.branding.pairRatio", { pair: t(`staff.branding.pairs.${c.pair}`), ratio: ratioText(c.ratio, i18n.language) })}</li>)}</ul>
          </div>
        ) : (
          <p className="outcome confirmed" data-testid="contrast-ok">{t("staff.branding.ok", { minimum: ratioText(minimumContrast, i18n.language) })}</p>
        ))}
      </div>
      <table className="results">
        <caption>{t("staff.branding.ratios")}</caption>
        <thead><tr><th scope="col">{t("staff.branding.pair")}</th><th scope="col">{t("staff.branding.ratio")}</th><th scope="col">{t("staff.branding.verdict")}</th></tr></thead>
        <tbody>
          {checks.map((c) => (
            <tr key={c.pair}><th scope="row">{t(`staff.branding.pairs.${c.pair}`)}</th><td>{ratioText(c.ratio, i18n.language)}:1</td><td>{c.ok ? t("staff.branding.pass") : t("staff.branding.fail")}</td></tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
