import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import fr from "./locales/fr.json";
import en from "./locales/en.json";

export const languages = ["fr", "en"] as const;
const stored = localStorage.getItem("civic.lang");

type Messages = Record<string, unknown>;

// Each area of the site keeps its messages beside the common ones, in locales/<area>/<lang>.json; an area's
// top-level keys are its own (its name), so the files merge without overlapping.
const areas = import.meta.glob<Messages>("./locales/*/*.json", { eager: true, import: "default" });
function messages(lang: string, common: Messages): Messages {
  const merged: Messages = { ...common };
  for (const [path, area] of Object.entries(areas)) {
    if (path.endsWith(`/${lang}.json`)) Object.assign(merged, area);
  }
  return merged;
}

// French by default (the tenant's locale replaces it once known, unless the visitor chose a language).
void i18n.use(initReactI18next).init({
  resources: { fr: { translation: messages("fr", fr) }, en: { translation: messages("en", en) } },
  lng: stored && (languages as readonly string[]).includes(stored) ? stored : "fr",
  fallbackLng: "fr",
  interpolation: { escapeValue: false },
});

export function chooseLanguage(lang: string, remember: boolean): void {
  if (!(languages as readonly string[]).includes(lang)) return;
  if (remember) localStorage.setItem("civic.lang", lang);
  else if (localStorage.getItem("civic.lang")) return;
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

export default i18n;
