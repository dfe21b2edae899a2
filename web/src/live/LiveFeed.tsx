import { useTranslation } from "react-i18next";
import { Link } from "../router";
import { date } from "../format";
import { useTenantFeed } from "./useLive";

const paths: Record<string, string> = {
  CAMPAIGN_PUBLISHED: "/campaigns/",
  CAMPAIGN_SUBMITTED: "/campaigns/",
  VOTE_OPENED: "/votes/",
  VOTE_CLOSED: "/votes/",
  IDEA_BOX_OPENED: "/ideas/boxes/",
};

/** The tenant's news as it happens (tenantFeed): campaigns published, votes opened and closed, idea boxes opened. */
export function LiveFeed() {
  const { t } = useTranslation();
  const items = useTenantFeed();
  return (
    <section aria-labelledby="live-feed">
      <h2 id="live-feed">{t("live.feed")}</h2>
      {items.length === 0 ? <p>{t("live.noNews")}</p> : (
        <ul className="feed" data-testid="feed" aria-live="polite">
          {items.slice(0, 8).map((item) => (
            <li key={`${item.kind}:${item.id}`}>
              <span className="badge">{t(`live.kind.${item.kind}`)}</span>{" "}
              <Link href={`${paths[item.kind]}${encodeURIComponent(item.id)}`}>{item.title}</Link>{" "}
              <span className="muted">{date(item.at)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
