import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { TenantQuery } from "../../documents";
import { accessToken } from "../../auth";
import { Link, match } from "../../router";
import { staffRole, type StaffRole } from "./role";
import { StaffNav } from "./ui";
import { Moderation } from "./Moderation";
import { NewCampaign } from "./NewCampaign";
import { NewVote } from "./NewVote";
import { StaffVote, StaffVotes } from "./Votes";
import { MatchPool } from "./MatchPool";
import { Branding } from "./Branding";
import { Receipts } from "./Receipts";
import { MatchCalls } from "./MatchCalls";
import "./staff.css";

// The staff area (/staff/...), loaded on demand (React.lazy in App.tsx): none of it weighs on the first page.

function Page({ path, role }: { path: string; role: StaffRole }) {
  const { t } = useTranslation();
  let params: Record<string, string> | null;
  if (path === "/staff/moderation") return <Moderation />;
  if (role !== "admin") return path === "/staff" || path === "/staff/" ? <StaffHome role={role} /> : <p role="alert">{t("staff.adminsOnly")}</p>;
  if (path === "/staff/campaigns/new") return <NewCampaign />;
  if (path === "/staff/votes") return <StaffVotes />;
  if (path === "/staff/votes/new") return <NewVote />;
  if ((params = match("/staff/votes/:id", path))) return <StaffVote key={params.id} id={params.id} />;
  if (path === "/staff/match-pool") return <MatchPool />;
  if (path === "/staff/branding") return <Branding />;
  if (path === "/staff/receipts") return <Receipts />;
  if (path === "/staff/match-calls") return <MatchCalls />;
  if (path === "/staff" || path === "/staff/") return <StaffHome role={role} />;
  return <p>{t("notFound")}</p>;
}

function StaffHome({ role }: { role: StaffRole }) {
  const { t } = useTranslation();
  // The app's own tenant query (answered from urql's cache): the ideas queue exists where the tenant has idea boxes.
  const [{ data }] = useQuery({ query: TenantQuery });
  return (
    <>
      <h1>{t("staff.title")}</h1>
      <p>{t(`staff.welcome.${role}`)}</p>
      {data?.tenant?.modules.includes("IDEA_BOXES") && <p><Link href="/ideas/moderation">{t("staff.ideasModeration")}</Link></p>}
    </>
  );
}

export default function StaffPages({ path }: { path: string }) {
  const { t } = useTranslation();
  const role = staffRole(accessToken());
  if (!role) {
    return (
      <>
        <h1>{t("staff.title")}</h1>
        <p>{t("staff.staffOnly")} <Link href={`/sign-in?back=${encodeURIComponent(path)}`}>{t("nav.signIn")}</Link></p>
      </>
    );
  }
  return (
    <div className="staff">
      <StaffNav role={role} path={path} />
      <div className="staff-page"><Page path={path} role={role} /></div>
    </div>
  );
}
