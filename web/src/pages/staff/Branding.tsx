import { useState, type CSSProperties } from "react";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { TenantQuery } from "../../documents";
import { applyBranding, brandingProperties } from "../../branding";
import { Loading } from "../common";
import { Field, StaffError } from "./ui";
import { UpdateTenantBrandingMutation } from "./documents";
import { contrastChecks, isColour, minimumContrast, ratioText } from "./contrast";
import { brandingInput, brandingProblems, fieldOfCode, maxNameLength, type BrandingDraft, type BrandingField } from "./branding-rules";

/**
 * Admins: the tenant's branding (name, logo, colours, locale) with a live preview: the panel takes the site's CSS custom
 * properties (src/branding.ts) as the admin types, with the WCAG contrast of each pair the site draws. Save calls
 * updateTenantBranding; a refused field shows the API's code as its message; the site takes the new branding at once
 * (its custom properties here, then the tenant query fetched again from the network brings the name and locale to the
 * whole site: urql shares that query's result with the site's header).
 */
export function Branding() {
  const { t } = useTranslation();
  const [{ data, fetching }, reexecute] = useQuery({ query: TenantQuery });
  const tenant = data?.tenant;
  if (fetching && !data) return <Loading />;
  return (
    <BrandingEditor key={tenant?.slug ?? ""} initial={{
      name: tenant?.name ?? "",
      logoUrl: tenant?.branding.logoUrl ?? "",
      primary: tenant?.branding.primaryColor ?? "#1d4ed8",
      secondary: tenant?.branding.secondaryColor ?? "#f59e0b",
      locale: tenant?.locale ?? "fr",
    }} title={t("staff.branding.title")} onSaved={() => reexecute({ requestPolicy: "network-only" })} />
  );
}

/** The aria-describedby of a control: its hint and its error, those that are shown. */
function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function ColourField({ id, label, value, error, onChange }: { id: string; label: string; value: string; error?: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <Field id={id} label={label} hint={t("staff.branding.colourHint")} error={error}>
      <span className="colour">
        <input id={id} value={value} onChange={(e) => onChange(e.target.value)} maxLength={7} spellCheck={false} autoComplete="off"
          aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, true, !!error)} />
        <input type="color" value={isColour(value) ? value.toLowerCase() : "#000000"} onChange={(e) => onChange(e.target.value)}
          aria-label={t("staff.branding.pick", { field: label })} />
      </span>
    </Field>
  );
}

function BrandingEditor({ initial, title, onSaved }: { initial: BrandingDraft; title: string; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const [tried, setTried] = useState(false);
  const [saved, setSaved] = useState(false);
  const [serverField, setServerField] = useState<{ field: BrandingField; code: string } | null>(null);
  const [result, save] = useMutation(UpdateTenantBrandingMutation);
  const set = (change: Partial<BrandingDraft>) => {
    setDraft((d) => ({ ...d, ...change }));
    setSaved(false);
    setServerField(null);
  };

  const problems = brandingProblems(draft);
  // The page's own checks once Save was tried (the colours at once: the preview needs them), then the API's.
  const shown: Partial<Record<BrandingField, string>> = tried ? { ...problems } : { primary: problems.primary, secondary: problems.secondary };
  if (serverField) shown[serverField.field] = serverField.code;
  const message = (field: BrandingField) => (shown[field] ? t(`staff.branding.errors.${shown[field]}`) : undefined);

  const valid = isColour(draft.primary) && isColour(draft.secondary);
  const checks = valid ? contrastChecks(draft.primary, draft.secondary) : [];
  const weak = checks.filter((c) => !c.ok);
  const logo = draft.logoUrl.trim() && !problems.logoUrl ? draft.logoUrl.trim() : null;
  const preview = brandingProperties({ primaryColor: draft.primary, secondaryColor: draft.secondary }) as CSSProperties;
  const otherError = result.error && !(result.error.graphQLErrors[0]?.extensions?.code as string in fieldOfCode) ? result.error : null;

  const submit = async () => {
    setTried(true);
    setSaved(false);
    if (Object.keys(problems).length > 0) {
      document.getElementById(`b-${Object.keys(problems)[0]}`)?.focus();
      return;
    }
    const answer = await save({ input: brandingInput(draft) });
    const code = answer.error?.graphQLErrors[0]?.extensions?.code;
    if (typeof code === "string" && code in fieldOfCode) {
      setServerField({ field: fieldOfCode[code], code });
      document.getElementById(`b-${fieldOfCode[code]}`)?.focus();
      return;
    }
    const tenant = answer.data?.updateTenantBranding;
    if (tenant) {
      // The site's own custom properties at once; the tenant query fetched again brings the name and the rest.
      applyBranding(tenant.branding);
      setSaved(true);
      onSaved();
    }
  };

  return (
    <>
      <h1>{title}</h1>
      <p className="muted">{t("staff.branding.intro")}</p>
      <div className="branding">
        <form noValidate aria-label={t("staff.branding.form")} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
          <Field id="b-name" label={t("staff.branding.name")} error={message("name")}>
            <input id="b-name" value={draft.name} onChange={(e) => set({ name: e.target.value })} maxLength={maxNameLength} required
              aria-invalid={shown.name ? true : undefined} aria-describedby={describedBy("b-name", false, !!shown.name)} />
          </Field>
          <Field id="b-logoUrl" label={t("staff.branding.logo")} hint={t("staff.branding.logoHint")} error={message("logoUrl")}>
            <input id="b-logoUrl" inputMode="url" value={draft.logoUrl} onChange={(e) => set({ logoUrl: e.target.value })} spellCheck={false}
              aria-invalid={shown.logoUrl ? true : undefined} aria-describedby={describedBy("b-logoUrl", true, !!shown.logoUrl)} />
          </Field>
          <ColourField id="b-primary" label={t("staff.branding.primary")} value={draft.primary} error={message("primary")} onChange={(primary) => set({ primary })} />
          <ColourField id="b-secondary" label={t("staff.branding.secondary")} value={draft.secondary} error={message("secondary")} onChange={(secondary) => set({ secondary })} />
          <Field id="b-locale" label={t("staff.branding.locale")} error={message("locale")}>
            <select id="b-locale" value={draft.locale} onChange={(e) => set({ locale: e.target.value })}
              aria-invalid={shown.locale ? true : undefined} aria-describedby={describedBy("b-locale", false, !!shown.locale)}>
              <option value="fr">Français</option>
              <option value="en">English</option>
            </select>
          </Field>
          <button type="submit" className="primary" disabled={result.fetching}>{result.fetching ? t("staff.branding.saving") : t("staff.branding.save")}</button>
          <div role="status" aria-live="polite">
            {saved && <p className="outcome confirmed" data-testid="branding-saved">{t("staff.branding.saved")}</p>}
          </div>
          {otherError && <StaffError error={otherError} />}
        </form>
        <section aria-labelledby="preview-title" className="preview">
          <h2 id="preview-title">{t("staff.branding.preview")}</h2>
          {/* The site's own custom properties, set on this panel only: what the site will look like, as typed. */}
          <div className="preview-site" data-testid="branding-preview" style={preview}>
            <div className="preview-header">
              {logo && <img src={logo} alt="" height={32} />}
              <span className="preview-name">{draft.name.trim() || "—"}</span>
            </div>
            <div className="preview-body">
              <p>{t("staff.branding.sampleText")} <span className="preview-link">{t("staff.branding.sampleLink")}</span>.</p>
              <p className="preview-row">
                <span className="preview-button">{t("staff.branding.sampleButton")}</span>
                <span className="badge">{t("staff.branding.sampleBadge")}</span>
              </p>
              <div className="preview-bar"><div /></div>
            </div>
          </div>
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
