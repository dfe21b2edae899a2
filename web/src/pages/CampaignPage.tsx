import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { CampaignQuery, PledgeMutation } from "../documents";
import { accessToken } from "../auth";
import { date, money } from "../format";
import { Link } from "../router";
import type { CampaignQuery as CampaignData, PaymentStatus } from "../gql/graphql";
import { daysLeft, Failure, Loading, Progress } from "./common";

type Campaign = NonNullable<CampaignData["campaign"]>;

const methods = [
  { token: "sbx_card", label: "pledge.card" },
  { token: "sbx_card_declined", label: "pledge.declined" },
  { token: "sbx_transfer", label: "pledge.transfer" },
] as const;

function PledgeForm({ campaign, onDone }: { campaign: Campaign; onDone: () => void }) {
  const { t } = useTranslation();
  const currency = campaign.goal.currency;
  const [amount, setAmount] = useState(String(Math.max(campaign.minContribution, 1000) / 100));
  const [reward, setReward] = useState("");
  const [method, setMethod] = useState<string>("sbx_card");
  const [invalid, setInvalid] = useState(false);
  const [outcome, setOutcome] = useState<PaymentStatus | null>(null);
  const [{ fetching, error }, pledge] = useMutation(PledgeMutation);
  const bounds = { min: money({ amount: campaign.minContribution, currency }), max: money({ amount: campaign.maxContribution, currency }) };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const cents = Math.round(Number(amount.replace(",", ".")) * 100);
    const bad = !Number.isFinite(cents) || cents < campaign.minContribution || cents > campaign.maxContribution;
    setInvalid(bad);
    setOutcome(null);
    if (bad) return;
    const result = await pledge({
      input: { campaignId: campaign.id, amount: cents, idempotencyKey: crypto.randomUUID(), rewardId: reward || null, paymentToken: method },
    });
    if (result.data) {
      setOutcome(result.data.pledge.status);
      onDone();
    }
  };

  if (!accessToken()) return <p><Link href={`/sign-in?back=${encodeURIComponent(location.pathname)}`}>{t("pledge.signInFirst")}</Link></p>;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="pledge-title">
      <h2 id="pledge-title">{t("pledge.title")}</h2>
      <div className="field">
        <label htmlFor="amount">{t("pledge.amount")}</label>
        <input id="amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)}
          aria-describedby="amount-hint" aria-invalid={invalid} />
        <p id="amount-hint" className={invalid ? "error" : "muted"} role={invalid ? "alert" : undefined}>
          {invalid ? t("pledge.invalidAmount", bounds) : t("pledge.amountHint", bounds)}
        </p>
      </div>
      {campaign.rewards.length > 0 && (
        <div className="field">
          <label htmlFor="reward">{t("pledge.reward")}</label>
          <select id="reward" value={reward} onChange={(e) => setReward(e.target.value)}>
            <option value="">{t("pledge.noReward")}</option>
            {campaign.rewards.map((r) => (
              <option key={r.id} value={r.id} disabled={r.remaining === 0}>
                {r.title} ({money(r.minAmount)}{r.remaining != null ? `, ${r.remaining}` : ""})
              </option>
            ))}
          </select>
        </div>
      )}
      <fieldset>
        <legend>{t("pledge.method")}</legend>
        {methods.map((m) => (
          <label key={m.token} className="choice">
            <input type="radio" name="method" value={m.token} checked={method === m.token} onChange={() => setMethod(m.token)} />
            <span>{t(m.label)}</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="primary" disabled={fetching}>{fetching ? t("pledge.sending") : t("pledge.submit")}</button>
      <div aria-live="polite">
        {outcome && <p role={outcome === "FAILED" ? "alert" : "status"} className={`outcome ${outcome.toLowerCase()}`}>{t(`pledge.${outcome}`)}</p>}
        {error && <Failure error={error} />}
      </div>
    </form>
  );
}

export function CampaignPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }, refetch] = useQuery({ query: CampaignQuery, variables: { id } });
  if (fetching && !data) return <Loading />;
  if (error) return <Failure error={error} />;
  const campaign = data?.campaign;
  if (!campaign) return <p>{t("notFound")}</p>;
  return (
    <article>
      <h1>{campaign.title}</h1>
      <p className="badge">{t(`campaign.status.${campaign.status}`, campaign.status)}</p>
      <p className="story">{campaign.description}</p>
      <Progress raised={campaign.raised.amount} goal={campaign.goal.amount} label={t("campaign.progress")} />
      <p className="figures" data-testid="raised">
        {t("campaign.raised", { raised: money(campaign.raised), goal: money(campaign.goal) })} · {t("campaign.backers", { count: campaign.backers })}
      </p>
      {campaign.matched && campaign.matched.amount > 0 && <p>{t("campaign.matched", { amount: money(campaign.matched) })}</p>}
      <p className="muted">{t("campaign.ends", { date: date(campaign.endsAt) })} · {t("campaign.daysLeft", { count: daysLeft(campaign.endsAt) })}</p>
      {campaign.status === "LIVE" && <PledgeForm campaign={campaign} onDone={() => refetch({ requestPolicy: "network-only" })} />}
    </article>
  );
}
