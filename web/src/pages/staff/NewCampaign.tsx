import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { CreateCampaignMutation, MatchCallsQuery, PublishCampaignMutation } from "./documents";
import type { CampaignCategory, FinancingMode, FundingRule } from "../../gql/graphql";
import { Link } from "../../router";
import { Field, StaffError } from "./ui";
import { localIn, toCents, toInstant } from "./forms";
import { equityOffer, loanTerms, type EquityText, type LoanText } from "./campaign-modes";

const categories: CampaignCategory[] = ["CULTURAL", "EDUCATIONAL", "SOCIAL", "SOLIDARITY", "ECOLOGICAL_TRANSITION"];

/** Admins: a donation, loan or equity campaign, created as a draft and then published (the moderation fast path). */
export function NewCampaign() {
  const { t } = useTranslation();
  const [mode, setMode] = useState<FinancingMode>("DONATION");
  const [loan, setLoan] = useState<LoanText>({ rate: "", termMonths: "", firstRepaymentOn: "" });
  const [equity, setEquity] = useState<EquityText>({ sharePrice: "", sharesOffered: "", maxRaise: "", kiis: "" });
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [goal, setGoal] = useState("");
  const [rule, setRule] = useState<FundingRule>("ALL_OR_NOTHING");
  const [category, setCategory] = useState<CampaignCategory | "">("");
  const [startsAt, setStartsAt] = useState("");
  const [endsAt, setEndsAt] = useState(localIn(30));
  const [min, setMin] = useState("1");
  const [max, setMax] = useState("10000");
  /** "" no matchfunding, "pool" the tenant's default pool, else the id of the open call the campaign joins. */
  const [matching, setMatching] = useState("");
  const [{ data: callsData }] = useQuery({ query: MatchCallsQuery, requestPolicy: "cache-and-network" });
  const calls = callsData?.matchCalls ?? [];
  const [problems, setProblems] = useState<string[]>([]);
  const [created, create] = useMutation(CreateCampaignMutation);
  const [published, publish] = useMutation(PublishCampaignMutation);
  const campaign = published.data?.publishCampaign ?? created.data?.createCampaign;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const goalCents = toCents(goal), minCents = toCents(min), maxCents = toCents(max), ends = toInstant(endsAt);
    const found: string[] = [];
    if (!title.trim()) found.push(t("staff.campaign.needTitle"));
    if (!goalCents) found.push(t("staff.campaign.needGoal"));
    if (minCents === null || maxCents === null || minCents > maxCents) found.push(t("staff.campaign.needLimits"));
    if (!ends) found.push(t("staff.campaign.needEnd"));
    const terms = mode === "LOAN" ? loanTerms(loan, ends) : null;
    const offer = mode === "EQUITY" ? equityOffer(equity, goalCents) : null;
    terms?.problems.forEach((p) => found.push(t(`staff.campaign.loan.problems.${p}`)));
    offer?.problems.forEach((p) => found.push(t(`staff.campaign.equity.problems.${p}`)));
    setProblems(found);
    if (found.length > 0) return;
    await create({
      input: {
        title: title.trim(), description: description.trim() || null, mode, rule,
        loanTerms: terms?.value ?? null, equityOffer: offer?.value ?? null,
        goal: { amount: goalCents!, currency: "EUR" }, startsAt: toInstant(startsAt), endsAt: ends!,
        minContribution: minCents, maxContribution: maxCents, category: category || null,
        matchfunding: mode === "DONATION" && matching === "pool",
        matchCallId: mode === "DONATION" && matching !== "" && matching !== "pool" ? matching : null,
      },
    });
  };

  if (campaign) {
    return (
      <>
        <h1>{t("staff.campaign.title")}</h1>
        <p role="status" className="outcome confirmed">{t(`staff.campaign.created.${campaign.status === "DRAFT" ? "draft" : "published"}`, { title: campaign.title })}</p>
        <p><Link href={`/campaigns/${encodeURIComponent(campaign.id)}`}>{t("staff.campaign.open")}</Link></p>
        {campaign.status === "DRAFT" && (
          <button type="button" className="primary" disabled={published.fetching} onClick={() => void publish({ id: campaign.id })}>{t("staff.campaign.publish")}</button>
        )}
        {published.error && <StaffError error={published.error} />}
      </>
    );
  }

  return (
    <>
      <h1>{t("staff.campaign.title")}</h1>
      <form onSubmit={submit} noValidate>
        <Field id="c-mode" label={t("staff.campaign.mode")}>
          <select id="c-mode" value={mode} onChange={(e) => setMode(e.target.value as FinancingMode)}>
            {(["DONATION", "LOAN", "EQUITY"] as const).map((m) => <option key={m} value={m}>{t(`staff.campaign.modes.${m}`)}</option>)}
          </select>
        </Field>
        <Field id="c-title" label={t("staff.campaign.name")}><input id="c-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} required /></Field>
        <Field id="c-description" label={t("staff.campaign.description")}>
          <textarea id="c-description" value={description} onChange={(e) => setDescription(e.target.value)} rows={4} maxLength={5000} />
        </Field>
        <Field id="c-goal" label={t("staff.campaign.goal")}><input id="c-goal" value={goal} onChange={(e) => setGoal(e.target.value)} inputMode="decimal" required /></Field>
        <Field id="c-rule" label={t("staff.campaign.rule")}>
          <select id="c-rule" value={rule} onChange={(e) => setRule(e.target.value as FundingRule)}>
            <option value="ALL_OR_NOTHING">{t("staff.campaign.rules.ALL_OR_NOTHING")}</option>
            <option value="KEEP_IT_ALL">{t("staff.campaign.rules.KEEP_IT_ALL")}</option>
          </select>
        </Field>
        <Field id="c-category" label={t("staff.campaign.category")}>
          <select id="c-category" value={category} onChange={(e) => setCategory(e.target.value as CampaignCategory | "")}>
            <option value="">{t("staff.campaign.noCategory")}</option>
            {categories.map((c) => <option key={c} value={c}>{t(`staff.campaign.categories.${c}`)}</option>)}
          </select>
        </Field>
        <Field id="c-starts" label={t("staff.campaign.startsAt")} hint={t("staff.campaign.startsHint")}>
          <input id="c-starts" type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} aria-describedby="c-starts-hint" />
        </Field>
        <Field id="c-ends" label={t("staff.campaign.endsAt")}><input id="c-ends" type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} required /></Field>
        <Field id="c-min" label={t("staff.campaign.min")}><input id="c-min" value={min} onChange={(e) => setMin(e.target.value)} inputMode="decimal" /></Field>
        <Field id="c-max" label={t("staff.campaign.max")}><input id="c-max" value={max} onChange={(e) => setMax(e.target.value)} inputMode="decimal" /></Field>
        {mode === "DONATION" && (
          <Field id="c-matching" label={t("staff.campaign.matching")}>
            <select id="c-matching" value={matching} onChange={(e) => setMatching(e.target.value)}>
              <option value="">{t("staff.campaign.noMatching")}</option>
              <option value="pool">{t("staff.campaign.matchfunding")}</option>
              {calls.map((c) => <option key={c.id} value={c.id}>{t("staff.campaign.joinCall", { name: c.name })}</option>)}
            </select>
          </Field>
        )}
        {mode === "LOAN" && (
          <fieldset>
            <legend>{t("staff.campaign.loan.legend")}</legend>
            <Field id="c-rate" label={t("staff.campaign.loan.rate")} hint={t("staff.campaign.loan.rateHint")}>
              <input id="c-rate" value={loan.rate} inputMode="decimal" aria-describedby="c-rate-hint" onChange={(e) => setLoan({ ...loan, rate: e.target.value })} />
            </Field>
            <Field id="c-term" label={t("staff.campaign.loan.term")}>
              <input id="c-term" type="number" min={1} max={600} value={loan.termMonths} onChange={(e) => setLoan({ ...loan, termMonths: e.target.value })} />
            </Field>
            <Field id="c-first" label={t("staff.campaign.loan.firstRepayment")} hint={t("staff.campaign.loan.firstRepaymentHint")}>
              <input id="c-first" type="date" value={loan.firstRepaymentOn} aria-describedby="c-first-hint" onChange={(e) => setLoan({ ...loan, firstRepaymentOn: e.target.value })} />
            </Field>
          </fieldset>
        )}
        {mode === "EQUITY" && (
          <fieldset>
            <legend>{t("staff.campaign.equity.legend")}</legend>
            <p className="muted">{t("staff.campaign.equity.goalIsMin")}</p>
            <Field id="c-price" label={t("staff.campaign.equity.sharePrice")}>
              <input id="c-price" value={equity.sharePrice} inputMode="decimal" onChange={(e) => setEquity({ ...equity, sharePrice: e.target.value })} />
            </Field>
            <Field id="c-shares" label={t("staff.campaign.equity.sharesOffered")}>
              <input id="c-shares" type="number" min={1} value={equity.sharesOffered} onChange={(e) => setEquity({ ...equity, sharesOffered: e.target.value })} />
            </Field>
            <Field id="c-max-raise" label={t("staff.campaign.equity.maxRaise")} hint={t("staff.campaign.equity.maxRaiseHint")}>
              <input id="c-max-raise" value={equity.maxRaise} inputMode="decimal" aria-describedby="c-max-raise-hint" onChange={(e) => setEquity({ ...equity, maxRaise: e.target.value })} />
            </Field>
            <Field id="c-kiis" label={t("staff.campaign.equity.kiis")} hint={t("staff.campaign.equity.kiisHint")}>
              <input id="c-kiis" value={equity.kiis} aria-describedby="c-kiis-hint" onChange={(e) => setEquity({ ...equity, kiis: e.target.value })} />
            </Field>
          </fieldset>
        )}
        {problems.length > 0 && <div role="alert" className="error"><ul>{problems.map((p) => <li key={p}>{p}</li>)}</ul></div>}
        <button type="submit" className="primary" disabled={created.fetching}>{t("staff.campaign.create")}</button>
        {created.error && <StaffError error={created.error} />}
      </form>
    </>
  );
}
