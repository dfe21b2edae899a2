import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { FundMatchPoolMutation, MatchPoolQuery } from "./documents";
import type { MatchSettingsInput } from "../../gql/graphql";
import { money } from "../../format";
import { Loading } from "../common";
import { Field, StaffError } from "./ui";
import { newKey, toCents, toInt } from "./forms";

/** Admins: the tenant's match pool, and a top-up with its matching rules (omitted rules keep the API's defaults). */
export function MatchPool() {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: MatchPoolQuery, requestPolicy: "cache-and-network" });
  const [funded, fund] = useMutation(FundMatchPoolMutation);
  const [amount, setAmount] = useState("");
  const [numerator, setNumerator] = useState("");
  const [denominator, setDenominator] = useState("");
  const [capContribution, setCapContribution] = useState("");
  const [capProject, setCapProject] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  // One key per top-up the admin means: a retry of the same form adds nothing twice.
  const [key, setKey] = useState(newKey);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const cents = toCents(amount);
    if (!cents) return setProblem(t("staff.matchPool.needAmount"));
    const settings: MatchSettingsInput = {};
    if (numerator.trim()) settings.ratioNumerator = toInt(numerator);
    if (denominator.trim()) settings.ratioDenominator = toInt(denominator);
    if (capContribution.trim()) settings.capPerContribution = toCents(capContribution);
    if (capProject.trim()) settings.capPerProject = toCents(capProject);
    if (Object.values(settings).some((v) => v === null)) return setProblem(t("staff.matchPool.badSettings"));
    setProblem(null);
    const result = await fund({ amount: cents, currency: "EUR", idempotencyKey: key, settings: Object.keys(settings).length ? settings : null });
    if (result.data) {
      setKey(newKey());
      setAmount("");
    }
  };

  const pool = funded.data?.fundMatchPool ?? data?.matchPool;
  return (
    <>
      <h1>{t("staff.matchPool.title")}</h1>
      {fetching && !data ? <Loading /> : error ? <StaffError error={error} /> : (
        <p data-testid="pool">
          {pool ? t("staff.matchPool.state", { available: money(pool.available), spent: money(pool.spent) }) : t("staff.matchPool.none")}
          {pool?.exhausted && <> · {t("staff.matchPool.exhausted")}</>}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <Field id="m-amount" label={t("staff.matchPool.amount")}>
          <input id="m-amount" value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal"
            aria-invalid={problem ? true : undefined} aria-describedby={problem ? "m-problem" : undefined} />
        </Field>
        <fieldset>
          <legend>{t("staff.matchPool.rules")}</legend>
          <div className="row">
            <Field id="m-num" label={t("staff.matchPool.numerator")}><input id="m-num" type="number" min={1} value={numerator} onChange={(e) => setNumerator(e.target.value)} /></Field>
            <Field id="m-den" label={t("staff.matchPool.denominator")}><input id="m-den" type="number" min={1} value={denominator} onChange={(e) => setDenominator(e.target.value)} /></Field>
          </div>
          <Field id="m-cap-c" label={t("staff.matchPool.capContribution")}><input id="m-cap-c" value={capContribution} inputMode="decimal" onChange={(e) => setCapContribution(e.target.value)} /></Field>
          <Field id="m-cap-p" label={t("staff.matchPool.capProject")}><input id="m-cap-p" value={capProject} inputMode="decimal" onChange={(e) => setCapProject(e.target.value)} /></Field>
        </fieldset>
        {problem && <p id="m-problem" role="alert" className="error">{problem}</p>}
        <button type="submit" className="primary" disabled={funded.fetching}>{t("staff.matchPool.fund")}</button>
        {funded.data && <p role="status" className="outcome confirmed">{t(funded.data.fundMatchPool.replayed ? "staff.matchPool.replayed" : "staff.matchPool.funded")}</p>}
        {funded.error && <StaffError error={funded.error} />}
      </form>
    </>
  );
}
