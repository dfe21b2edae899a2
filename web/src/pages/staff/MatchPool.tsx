import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { FundMatchPoolMutation, MatchPoolQuery } from "./documents";
import type { MatchSettingsInput } from "../../gql/graphql";
import { money } from "../../format";
import { Loading } from "../common";
import { Field, StaffError } from "./ui";
import { matchSettings, newKey, toCents, type MatchRulesText } from "./forms";

/** Admins: the tenant's match pool, and a top-up with its matching rules (omitted rules keep the API's defaults). */
export function MatchPool() {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: MatchPoolQuery, requestPolicy: "cache-and-network" });
  const [funded, fund] = useMutation(FundMatchPoolMutation);
  const [amount, setAmount] = useState("");
  const [rules, setRules] = useState<MatchRulesText>(noRules);
  const [problem, setProblem] = useState<string | null>(null);
  // One key per top-up the admin means: a retry of the same form adds nothing twice.
  const [key, setKey] = useState(newKey);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const cents = toCents(amount);
    if (!cents) return setProblem(t("staff.matchPool.needAmount"));
    const settings = matchSettings(rules);
    if (settings === "invalid") return setProblem(t("staff.matchPool.badSettings"));
    setProblem(null);
    const result = await fund({ amount: cents, currency: "EUR", idempotencyKey: key, settings: settings as MatchSettingsInput | null });
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
        <MatchRules prefix="m" rules={rules} onChange={setRules} />
        {problem && <p id="m-problem" role="alert" className="error">{problem}</p>}
        <button type="submit" className="primary" disabled={funded.fetching}>{t("staff.matchPool.fund")}</button>
        {funded.data && <p role="status" className="outcome confirmed">{t(funded.data.fundMatchPool.replayed ? "staff.matchPool.replayed" : "staff.matchPool.funded")}</p>}
        {funded.error && <StaffError error={funded.error} />}
      </form>
    </>
  );
}

export const noRules: MatchRulesText = { numerator: "", denominator: "", capContribution: "", capProject: "" };

/** The matching rules of a pool or a call (all optional: the API's defaults apply to those left empty). */
export function MatchRules({ prefix, rules, onChange }: { prefix: string; rules: MatchRulesText; onChange: (rules: MatchRulesText) => void }) {
  const { t } = useTranslation();
  const set = (field: keyof MatchRulesText) => (value: string) => onChange({ ...rules, [field]: value });
  return (
    <fieldset>
      <legend>{t("staff.matchPool.rules")}</legend>
      <div className="row">
        <Field id={`${prefix}-num`} label={t("staff.matchPool.numerator")}><input id={`${prefix}-num`} type="number" min={1} value={rules.numerator} onChange={(e) => set("numerator")(e.target.value)} /></Field>
        <Field id={`${prefix}-den`} label={t("staff.matchPool.denominator")}><input id={`${prefix}-den`} type="number" min={1} value={rules.denominator} onChange={(e) => set("denominator")(e.target.value)} /></Field>
      </div>
      <Field id={`${prefix}-cap-c`} label={t("staff.matchPool.capContribution")}><input id={`${prefix}-cap-c`} value={rules.capContribution} inputMode="decimal" onChange={(e) => set("capContribution")(e.target.value)} /></Field>
      <Field id={`${prefix}-cap-p`} label={t("staff.matchPool.capProject")}><input id={`${prefix}-cap-p`} value={rules.capProject} inputMode="decimal" onChange={(e) => set("capProject")(e.target.value)} /></Field>
    </fieldset>
  );
}
