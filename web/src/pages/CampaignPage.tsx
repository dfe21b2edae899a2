import { lazy, Suspense, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { CampaignQuery, PledgeMutation } from "../documents";
import { accessToken } from "../auth";
import { money } from "../format";
import { Link } from "../router";
import type { CampaignQuery as CampaignData, PaymentStatus } from "../gql/graphql";
import { Failure, Loading, Progress } from "./common";
import { Countdown } from "./resident/Countdown";
import { Rewards, type Reward } from "./resident/Rewards";
import { LoanTermsView, MyLoanSchedule } from "./resident/Loan";
import { lenderCap } from "./resident/loan";
import { useCampaignLive, withLive } from "../live/useLive";

// Equity's regulatory steps are a page of their own weight: loaded when an equity campaign is opened.
const EquityInvest = lazy(() => import("./resident/Equity").then((m) => ({ default: m.EquityInvest })));

// The comment thread (the idea page's) is loaded with the page's first comment view, not with the first page.
const ItemThread = lazy(() => import("./ideas/ItemThread"));

// The owner's updates to backers (and the owner's form), loaded with the page's first campaign view.
const CampaignUpdates = lazy(() => import("./updates/CampaignUpdates"));

/** The statuses in which a campaign is public, and so takes comments (the API refuses them on the others). */
const discussed = new Set(["APPROVED", "LIVE", "SUCCEEDED", "FAILED", "PAID_OUT", "REFUNDED"]);

type Campaign = NonNullable<CampaignData["campaign"]>;

const methods = [
  { token: "sbx_card", label: "pledge.card" },
  { token: "sbx_card_declined", label: "pledge.declined" },
  { token: "sbx_transfer", label: "pledge.transfer" },
] as const;

interface Draft {
  amount: string;
  reward: string;
}

function PledgeForm({ campaign, draft, onDraft, onDone }: { campaign: Campaign; draft: Draft; onDraft: (draft: Draft) => void; onDone: () => void }) {
  const { t } = useTranslation();
  const currency = campaign.goal.currency;
  const loan = campaign.mode === "LOAN" ? campaign.loanTerms : null;
  const [method, setMethod] = useState<string>("sbx_card");
  const [problem, setProblem] = useState<string | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  const [outcome, setOutcome] = useState<PaymentStatus | null>(null);
  const [{ fetching, error }, pledge] = useMutation(PledgeMutation);
  const max = loan ? Math.min(campaign.maxContribution, lenderCap(loan.annualRateBasisPoints)) : campaign.maxContribution;
  const bounds = { min: money({ amount: campaign.minContribution, currency }), max: money({ amount: max, currency }) };
  const reward = campaign.rewards.find((r) => r.id === draft.reward) ?? null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const cents = Math.round(Number(draft.amount.replace(",", ".")) * 100);
    let bad: string | null = null;
    if (!Number.isFinite(cents) || cents < campaign.minContribution || cents > max) bad = t("pledge.invalidAmount", bounds);
    else if (reward && cents < reward.minAmount.amount) bad = t("resident.rewards.belowMinimum", { title: reward.title, amount: money(reward.minAmount) });
    else if (loan && !acknowledged) bad = t("resident.loan.acknowledgeFirst");
    setProblem(bad);
    setOutcome(null);
    if (bad) return;
    const result = await pledge({
      input: { campaignId: campaign.id, amount: cents, idempotencyKey: crypto.randomUUID(), rewardId: draft.reward || null, paymentToken: method },
    });
    if (result.data) {
      setOutcome(result.data.pledge.status);
      onDone();
    }
  };

  if (!accessToken()) return <p><Link href={`/sign-in?back=${encodeURIComponent(location.pathname)}`}>{t("pledge.signInFirst")}</Link></p>;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="pledge-title">
      <h2 id="pledge-title">{loan ? t("resident.loan.lend") : t("pledge.title")}</h2>
      <div className="field">
        <label htmlFor="amount">{t("pledge.amount")}</label>
        <input id="amount" inputMode="decimal" value={draft.amount} onChange={(e) => onDraft({ ...draft, amount: e.target.value })}
          aria-describedby="amount-hint" aria-invalid={problem !== null} />
        <p id="amount-hint" className="muted">
          {t("pledge.amountHint", bounds)}
          {loan && ` ${t("resident.loan.cap", { amount: money({ amount: lenderCap(loan.annualRateBasisPoints), currency }) })}`}
        </p>
      </div>
      {campaign.rewards.length > 0 && (
        <div className="field">
          <label htmlFor="reward">{t("pledge.reward")}</label>
          <select id="reward" value={draft.reward} onChange={(e) => onDraft({ ...draft, reward: e.target.value })}>
            <option value="">{t("pledge.noReward")}</option>
            {campaign.rewards.map((r) => (
              <option key={r.id} value={r.id} disabled={r.remaining === 0}>
                {r.title} ({money(r.minAmount)}{r.remaining != null ? `, ${t("resident.rewards.left", { count: r.remaining, stock: r.stock ?? r.remaining })}` : ""})
              </option>
            ))}
          </select>
        </div>
      )}
      {loan && (
        <div className="warning">
          <p>{t("resident.loan.risk")}</p>
          <label className="choice">
            <input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} />
            <span>{t("resident.loan.acknowledge")}</span>
          </label>
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
      <p role="alert" className="error">{problem ?? ""}</p>
      <button type="submit" className="primary" disabled={fetching}>{fetching ? t("pledge.sending") : loan ? t("resident.loan.lend") : t("pledge.submit")}</button>
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
  const [draft, setDraft] = useState<Draft | null>(null);
  const pushed = useCampaignLive(id);
  if (fetching && !data) return <Loading />;
  if (error) return <Failure error={error} />;
  const campaign = data?.campaign && withLive(data.campaign, pushed);
  if (!campaign) return <p>{t("notFound")}</p>;
  const current = draft ?? { amount: String(Math.max(campaign.minContribution, 1000) / 100), reward: "" };
  const refresh = () => refetch({ requestPolicy: "network-only" });
  const live = campaign.status === "LIVE";
  const choose = (reward: Reward) => {
    const amount = Number(current.amount.replace(",", "."));
    const least = reward.minAmount.amount / 100;
    setDraft({ reward: reward.id, amount: !Number.isFinite(amount) || amount < least ? String(least) : current.amount });
    document.getElementById("amount")?.focus();
  };
  return (
    <article>
      <h1>{campaign.title}</h1>
      <p>
        <span className="badge">{t(`campaign.status.${campaign.status}`, campaign.status)}</span>{" "}
        <span className="muted">{t(`resident.mode.${campaign.mode}`)}
          {campaign.category && ` · ${campaign.category === "TENANT_DEFINED" ? campaign.customCategory : t(`resident.category.${campaign.category}`)}`}</span>
      </p>
      <section aria-labelledby="story-title">
        <h2 id="story-title" className="sr-only">{t("resident.campaign.story")}</h2>
        <p className="story">{campaign.description}</p>
      </section>
      <Progress raised={campaign.raised.amount} goal={campaign.goal.amount} label={t("campaign.progress")} />
      <p className="figures" data-testid="raised">
        {t("campaign.raised", { raised: money(campaign.raised), goal: money(campaign.goal) })} · {t("campaign.backers", { count: campaign.backers })}
      </p>
      <Countdown endsAt={campaign.endsAt} />
      {campaign.matched && (
        <section aria-labelledby="matched-title" className="card" data-testid="matched">
          <h2 id="matched-title">{t("resident.campaign.matchedTitle")}</h2>
          <p>{t("campaign.matched", { amount: money(campaign.matched) })}</p>
          <p className="muted">{campaign.matchCall ? t("resident.campaign.matchCall", { name: campaign.matchCall.name }) : t("resident.campaign.matchPool")}</p>
        </section>
      )}
      {campaign.mode === "LOAN" && campaign.loanTerms && (
        <LoanTermsView terms={campaign.loanTerms} currency={campaign.goal.currency} amount={Math.round(Number(current.amount.replace(",", ".")) * 100)} />
      )}
      {campaign.mode === "LOAN" && accessToken() && (campaign.status === "SUCCEEDED" || campaign.status === "PAID_OUT") && (
        <MyLoanSchedule campaignId={campaign.id} currency={campaign.goal.currency} />
      )}
      <Rewards rewards={campaign.rewards} chosen={current.reward} canChoose={live && accessToken() !== null} onChoose={choose} />
      {live && campaign.mode !== "EQUITY" && <PledgeForm campaign={campaign} draft={current} onDraft={setDraft} onDone={refresh} />}
      {live && campaign.mode === "EQUITY" && campaign.equityOffer && (
        <Suspense fallback={<Loading />}>
          <EquityInvest campaignId={campaign.id} offer={campaign.equityOffer} onDone={refresh} />
        </Suspense>
      )}
      {(discussed.has(campaign.status) || campaign.viewerIsOwner) && (
        <Suspense fallback={<Loading />}>
          <CampaignUpdates campaignId={campaign.id} status={campaign.status} isOwner={campaign.viewerIsOwner} />
        </Suspense>
      )}
      {discussed.has(campaign.status) && (
        <Suspense fallback={<Loading />}>
          <ItemThread target={{ kind: "campaign", id: campaign.id }} />
        </Suspense>
      )}
    </article>
  );
}
