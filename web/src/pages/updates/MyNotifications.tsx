import "./updates.css";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { dateTime } from "../../format";
import { Link } from "../../router";
import { Failure, Loading } from "../common";
import { MarkAllNotificationsReadMutation, MyNotificationsQuery } from "./documents";

// "My space": the member's notifications, newest first: news of a campaign they backed (a link to it), and their
// content hidden or shown again by moderation. Unread ones say so in words, not by colour alone.

const pageSize = 10;

export function MyNotifications() {
  const { t } = useTranslation();
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, error, fetching }, refetch] = useQuery({ query: MyNotificationsQuery, variables: { first: pageSize, after } });
  const [marking, markAll] = useMutation(MarkAllNotificationsReadMutation);
  if (fetching && !data) return <Loading />;
  if (error) return <Failure error={error} />;
  const unread = data?.myUnreadNotificationCount ?? 0;
  const items = (data?.myNotifications.items ?? []).filter((n) => n !== null);
  const page = data?.myNotifications.pageInfo;
  return (
    <section aria-labelledby="notifications-title">
      <h2 id="notifications-title">{t("updates.notifications.title")}</h2>
      <p className="muted" data-testid="unread">{t("updates.notifications.unread", { count: unread })}</p>
      {items.length === 0 ? <p className="muted">{t("updates.notifications.none")}</p> : (
        <ul className="notifications">
          {items.map((n) => (
            <li key={n.id} className={n.read ? "notification" : "notification unread"} data-kind={n.kind}>
              <p>
                {n.kind === "campaign_update" && n.itemKind === "CAMPAIGN" ? (
                  <>{t("updates.notifications.campaign_update")}{" "}
                    <Link href={`/campaigns/${encodeURIComponent(n.itemId)}`}>{n.text}</Link></>
                ) : (
                  t(`updates.notifications.kind.${n.kind}`, { reason: n.text, defaultValue: n.text })
                )}
              </p>
              <p className="muted">{dateTime(n.createdAt)}{!n.read && ` · ${t("updates.notifications.new")}`}</p>
            </li>
          ))}
        </ul>
      )}
      {unread > 0 && (
        <button type="button" disabled={marking.fetching}
          onClick={async () => { if ((await markAll({})).data) refetch({ requestPolicy: "network-only" }); }}>
          {t("updates.notifications.markAll")}
        </button>
      )}
      {page?.hasNextPage && page.endCursor && <button type="button" onClick={() => setAfter(page.endCursor!)}>{t("updates.notifications.older")}</button>}
      {after && <button type="button" onClick={() => setAfter(null)}>{t("updates.notifications.newest")}</button>}
      {marking.error && <Failure error={marking.error} />}
    </section>
  );
}
