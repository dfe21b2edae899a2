import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { ApproveCampaignMutation, RejectCampaignMutation, RequestCampaignChangesMutation, StaffCampaignsQuery } from "./documents";
import type { StaffCampaignsQuery as CampaignsData } from "../../gql/graphql";
import { date, money } from "../../format";
import { Link } from "../../router";
import { Loading } from "../common";
import { Field, StaffError } from "./ui";

type Campaign = NonNullable<NonNullable<CampaignsData["campaigns"]["items"]>[number]>;
type Decision = "approve" | "changes" | "reject";

const pageSize = 50;

/** Moderators and admins: the submitted campaigns, each with its history and the three decisions. */
export function Moderation() {
  const { t } = useTranslation();
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, error, fetching }, refetch] = useQuery({ query: StaffCampaignsQuery, variables: { first: pageSize, after }, requestPolicy: "cache-and-network" });
  if (fetching && !data) return <Loading />;
  if (error) return <StaffError error={error} />;
  const items = (data?.campaigns.items ?? []).filter((c): c is Campaign => c !== null);
  const submitted = items.filter((c) => c.status === "SUBMITTED");
  // Decided: every campaign of the page that left SUBMITTED (an approved one may be LIVE by now).
  const decided = items.filter((c) => c.status !== "SUBMITTED" && (c.history ?? []).some((h) => h.from === "SUBMITTED"));
  const pageInfo = data?.campaigns.pageInfo;
  return (
    <>
      <h1>{t("staff.moderation.title")}</h1>
      <h2>{t("staff.moderation.queue", { count: submitted.length })}</h2>
      {submitted.length === 0 ? <p>{t("staff.moderation.empty")}</p> : (
        <ul className="cards staff-list">
          {submitted.map((c) => <QueuedCampaign key={c.id} campaign={c} onDecided={() => refetch({ requestPolicy: "network-only" })} />)}
        </ul>
      )}
      {decided.length > 0 && (
        <>
          <h2>{t("staff.moderation.decided")}</h2>
          <ul className="staff-list">
            {decided.map((c) => (
              <li key={c.id} className="card">
                <h3>{c.title}</h3>
                <p><span className="badge">{t(`campaign.status.${c.status}`, c.status)}</span></p>
                <History campaign={c} />
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="pager">
        {after && <button type="button" onClick={() => setAfter(null)}>{t("staff.firstPage")}</button>}
        {pageInfo?.hasNextPage && pageInfo.endCursor && <button type="button" onClick={() => setAfter(pageInfo.endCursor ?? null)}>{t("staff.nextPage")}</button>}
      </p>
    </>
  );
}

function QueuedCampaign({ campaign, onDecided }: { campaign: Campaign; onDecided: () => void }) {
  const { t } = useTranslation();
  const [decision, setDecision] = useState<Decision>("approve");
  const [text, setText] = useState("");
  const [missing, setMissing] = useState(false);
  const [approved, approve] = useMutation(ApproveCampaignMutation);
  const [changed, requestChanges] = useMutation(RequestCampaignChangesMutation);
  const [rejected, reject] = useMutation(RejectCampaignMutation);
  const busy = approved.fetching || changed.fetching || rejected.fetching;
  const error = approved.error ?? changed.error ?? rejected.error;
  const ids = `decide-${campaign.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const reason = text.trim();
    if (decision !== "approve" && !reason) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const result = decision === "approve"
      ? await approve({ id: campaign.id, note: reason || null })
      : decision === "changes" ? await requestChanges({ id: campaign.id, reason }) : await reject({ id: campaign.id, reason });
    if (!result.error) onDecided();
  };

  return (
    <li className="card">
      <h3><Link href={`/campaigns/${encodeURIComponent(campaign.id)}`}>{campaign.title}</Link></h3>
      <p>{campaign.description}</p>
      <p className="muted">
        {t("staff.moderation.goal", { goal: money(campaign.goal), mode: t(`staff.mode.${campaign.mode}`) })} · {t("staff.moderation.dates", { start: date(campaign.startsAt), end: date(campaign.endsAt) })}
      </p>
      <History campaign={campaign} />
      <form onSubmit={submit} aria-label={t("staff.moderation.decideOn", { title: campaign.title })}>
        <fieldset>
          <legend>{t("staff.moderation.decision")}</legend>
          {(["approve", "changes", "reject"] as const).map((d) => (
            <label key={d} className="choice">
              <input type="radio" name={`${ids}-decision`} value={d} checked={decision === d} onChange={() => setDecision(d)} />
              {t(`staff.moderation.${d}`)}
            </label>
          ))}
        </fieldset>
        <Field id={`${ids}-text`} label={decision === "approve" ? t("staff.moderation.note") : t("staff.moderation.reason")}>
          <textarea id={`${ids}-text`} value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} rows={3}
            aria-invalid={missing || undefined} aria-describedby={missing ? `${ids}-missing` : undefined} />
        </Field>
        {missing && <p id={`${ids}-missing`} role="alert" className="error">{t("staff.moderation.reasonRequired")}</p>}
        <button type="submit" className="primary" disabled={busy}>{t(`staff.moderation.do.${decision}`)}</button>
        {error && <StaffError error={error} />}
      </form>
    </li>
  );
}

function History({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const history = campaign.history ?? [];
  if (history.length === 0) return null;
  return (
    <details>
      <summary>{t("staff.moderation.history", { count: history.length })}</summary>
      <ol className="history">
        {history.map((h, i) => (
          <li key={i}>
            {t("staff.moderation.change", { from: t(`campaign.status.${h.from}`, h.from), to: t(`campaign.status.${h.to}`, h.to), by: h.by, at: date(h.at) })}
            {h.reason && <> {t("staff.moderation.said", { reason: h.reason })}</>}
          </li>
        ))}
      </ol>
    </details>
  );
}
