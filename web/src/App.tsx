import { Suspense, lazy, useCallback, useEffect, useState } from "react";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { TenantQuery } from "./documents";
import { applyBranding } from "./branding";
import { chooseLanguage, languages } from "./i18n";
import { accessToken, setAccessToken } from "./auth";
import { Link, match, navigate, usePath } from "./router";
import { Home } from "./pages/Home";
import { Campaigns } from "./pages/Campaigns";
import { CampaignPage } from "./pages/CampaignPage";
import { Votes } from "./pages/Votes";
import { VotePage } from "./pages/VotePage";
import { VoteOptionPage } from "./pages/VoteOptionPage";
const ResultsPage = lazy(() => import("./pages/resident/Results").then((m) => ({ default: m.ResultsPage })));
const MySpace = lazy(() => import("./pages/resident/MySpace").then((m) => ({ default: m.MySpace })));
import { Callback, SignIn } from "./pages/SignIn";
import { Failure, Loading } from "./pages/common";
import { staffRole } from "./pages/staff/role";

// The staff pages load on demand: they are no part of the first page's JavaScript.
const StaffPages = lazy(() => import("./pages/staff/StaffPages"));

const IdeaPages = lazy(() => import("./pages/ideas/IdeaPages"));

function Page({ path, tenantName, onSignedIn, onSignedOut }: { path: string; tenantName: string; onSignedIn: () => void; onSignedOut: () => void }) {
  const { t } = useTranslation();
  let params: Record<string, string> | null;
  if (path === "/") return <Home tenantName={tenantName} />;
  if (path === "/campaigns") return <Campaigns />;
  if ((params = match("/campaigns/:id", path))) return <CampaignPage key={params.id} id={params.id} />;
  if (path === "/votes") return <Votes />;
  if ((params = match("/votes/:id", path))) return <VotePage key={params.id} id={params.id} />;
  if ((params = match("/votes/:id/results", path))) return <ResultsPage key={params.id} id={params.id} />;
  if ((params = match("/votes/:id/projects/:option", path))) return <VoteOptionPage key={`${params.id}/${params.option}`} voteId={params.id} optionId={params.option} />;
  if (path === "/ideas" || path.startsWith("/ideas/")) return <Suspense fallback={<Loading />}><IdeaPages path={path} /></Suspense>;
  if (path === "/me") return <MySpace onSignedOut={onSignedOut} />;
  if (path === "/sign-in") return <SignIn onSignedIn={onSignedIn} />;
  if (path === "/auth/callback") return <Callback onSignedIn={onSignedIn} />;
  if (path === "/staff" || path.startsWith("/staff/")) return <Suspense fallback={<Loading />}><StaffPages path={path} /></Suspense>;
  return <p>{t("notFound")}</p>;
}

export function App() {
  const { t, i18n } = useTranslation();
  const path = usePath();
  const [{ data, error, fetching }] = useQuery({ query: TenantQuery });
  const [signedIn, setSignedIn] = useState(accessToken() !== null);
  const onSignedIn = useCallback(() => setSignedIn(true), []);
  const tenant = data?.tenant;

  useEffect(() => {
    if (!tenant) return;
    applyBranding(tenant.branding);
    chooseLanguage(tenant.locale, false);
  }, [tenant]);
  useEffect(() => {
    document.title = tenant ? tenant.name : "Civic";
    document.documentElement.lang = i18n.language;
  }, [tenant, i18n.language, path]);

  if (fetching && !data) return <main id="main"><Loading /></main>;
  if (error) return <main id="main"><Failure error={error} /></main>;

  const signOut = () => {
    setAccessToken(null);
    setSignedIn(false);
    navigate("/");
  };

  return (
    <>
      <a className="skip" href="#main">{t("skip")}</a>
      <header className="site">
        <div className="brand">
          {tenant?.branding.logoUrl && <img src={tenant.branding.logoUrl} alt="" height={40} />}
          <Link href="/" className="name">{tenant?.name ?? "Civic"}</Link>
        </div>
        <nav aria-label="Navigation">
          <Link href="/" aria-current={path === "/" ? "page" : undefined}>{t("nav.home")}</Link>
          <Link href="/campaigns" aria-current={path.startsWith("/campaigns") ? "page" : undefined}>{t("nav.campaigns")}</Link>
          <Link href="/votes" aria-current={path.startsWith("/votes") ? "page" : undefined}>{t("nav.votes")}</Link>
          {tenant?.modules.includes("IDEA_BOXES") && <Link href="/ideas" aria-current={path.startsWith("/ideas") ? "page" : undefined}>{t("ideas.nav")}</Link>}
          {signedIn && <Link href="/me" aria-current={path === "/me" ? "page" : undefined}>{t("resident.nav.me")}</Link>}
          {signedIn && staffRole(accessToken()) && <Link href="/staff" aria-current={path.startsWith("/staff") ? "page" : undefined}>{t("staff.nav")}</Link>}
          {signedIn ? (
            <button type="button" onClick={signOut}>{t("nav.signOut")}</button>
          ) : (
            <Link href={`/sign-in?back=${encodeURIComponent(path)}`}>{t("nav.signIn")}</Link>
          )}
          <label className="lang">
            <span className="sr-only">{t("nav.language")}</span>
            <select value={i18n.language} onChange={(e) => chooseLanguage(e.target.value, true)}>
              {languages.map((l) => <option key={l} value={l}>{l === "fr" ? "Français" : "English"}</option>)}
            </select>
          </label>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Page path={path} tenantName={tenant?.name ?? "Civic"} onSignedIn={onSignedIn} onSignedOut={() => setSignedIn(false)} />
        </Suspense>
      </main>
    </>
  );
}
