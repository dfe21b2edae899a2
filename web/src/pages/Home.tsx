import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { HomeQuery } from "../documents";
import { Link } from "../router";
import { date } from "../format";
import { CampaignCard, Failure, Loading } from "./common";
import { HomeFigures } from "./resident/HomeFigures";
import { LiveFeed } from "../live/LiveFeed";

export function Home({ tenantName }: { tenantName: string }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: HomeQuery });
  const campaigns = (data?.campaigns.items ?? []).filter((c) => c && c.status === "LIVE");
  const votes = (data?.votes.items ?? []).filter((v) => v && v.status === "OPEN");
  const boxes = (data?.ideaBoxes.items ?? []).filter((b) => b && b.isOpen);
  return (
    <>
      <h1>{t("home.welcome", { name: tenantName })}</h1>
      {fetching && <Loading />}
      {error && <Failure error={error} />}
      <section aria-labelledby="live-campaigns">
        <h2 id="live-campaigns">{t("home.liveCampaigns")}</h2>
        {data && campaigns.length === 0 && <p>{t("home.noCampaigns")}</p>}
        <ul className="cards">{campaigns.map((c) => c && <CampaignCard key={c.id} campaign={c} />)}</ul>
        <p><Link href="/campaigns">{t("home.all")}</Link></p>
      </section>
      <section aria-labelledby="open-votes">
        <h2 id="open-votes">{t("home.openVotes")}</h2>
        {data && votes.length === 0 && <p>{t("home.noVotes")}</p>}
        <ul className="cards">
          {votes.map((v) => v && (
            <li key={v.id} className="card">
              <h3><Link href={`/votes/${encodeURIComponent(v.id)}`}>{v.title}</Link></h3>
              <p className="muted">{t(`vote.type.${v.ballotType}`)} · {t("vote.closes", { date: date(v.closesAt) })} · {t("vote.ballots", { count: v.ballots })}</p>
            </li>
          ))}
        </ul>
        <p><Link href="/votes">{t("home.all")}</Link></p>
      </section>
      <LiveFeed />
      <HomeFigures />
      <section aria-labelledby="open-boxes">
        <h2 id="open-boxes">{t("home.openBoxes")}</h2>
        {data && boxes.length === 0 && <p>{t("home.noBoxes")}</p>}
        <ul className="cards">
          {boxes.map((b) => b && (
            <li key={b.id} className="card">
              <h3><Link href={`/ideas/boxes/${encodeURIComponent(b.id)}`}>{b.title}</Link></h3>
              <p className="muted">{t("vote.closes", { date: date(b.closesAt) })}</p>
            </li>
          ))}
        </ul>
        <p><Link href="/ideas">{t("home.all")}</Link></p>
      </section>
    </>
  );
}
