import type { CombinedError } from "urql";
import { useTranslation } from "react-i18next";
import { money, percent } from "../format";
import { Link } from "../router";
import type { CampaignCardFragment } from "../gql/graphql";

export function Loading() {
  const { t } = useTranslation();
  return <p role="status">{t("loading")}</p>;
}

/** The API's error: its stable code's message from the message files when there is one, else the API's own words. */
export function Failure({ error }: { error: CombinedError }) {
  const { t, i18n } = useTranslation();
  const first = error.graphQLErrors[0];
  const code = typeof first?.extensions?.code === "string" ? first.extensions.code : null;
  const known = code !== null && i18n.exists(`resident.errors.${code}`);
  return (
    <p role="alert" className="error" data-code={code ?? undefined}>
      {known ? t(`resident.errors.${code}`) : t("error", { message: first?.message ?? error.message })}
    </p>
  );
}

export function Progress({ raised, goal, label }: { raised: number; goal: number; label: string }) {
  const value = percent(raised, goal);
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={value}>
      <div className="bar" style={{ width: `${value}%` }} />
    </div>
  );
}

export function daysLeft(endsAt: string): number {
  return Math.max(0, Math.ceil((new Date(endsAt).getTime() - Date.now()) / 86_400_000));
}

export function CampaignCard({ campaign }: { campaign: CampaignCardFragment }) {
  const { t } = useTranslation();
  return (
    <li className="card">
      <h3>
        <Link href={`/campaigns/${encodeURIComponent(campaign.id)}`}>{campaign.title}</Link>
      </h3>
      <p>{campaign.description}</p>
      <Progress raised={campaign.raised.amount} goal={campaign.goal.amount} label={t("campaign.progress")} />
      <p className="muted">
        {t("campaign.raised", { raised: money(campaign.raised), goal: money(campaign.goal) })} ·{" "}
        {t("campaign.backers", { count: campaign.backers })} · {t("campaign.daysLeft", { count: daysLeft(campaign.endsAt) })}
      </p>
    </li>
  );
}
