import { useMemo, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { CreateMatchCallMutation, FundMatchCallMutation, MatchCallsQuery } from "./documents";
import type { MatchSettingsInput, StaffMatchCallFragment } from "../../gql/graphql";
import { dateTime, money } from "../../format";
import { Loading } from "../common";
import { Field, StaffError } from "./ui";
import { matchSettings, newKey, toCents, type MatchRulesText } from "./forms";
import { MatchRules, noRules } from "./MatchPool";

/** Admins: the tenant's matchfunding calls (each with its own pool and fixed rules), a new call, and top-ups. */
export function MatchCalls() {
  const { t } = useTranslation();
  // An empty list names no MatchCall: the typename says that a new call refreshes it all the same.
  const context = useMemo(() => ({ additionalTypenames: ["MatchCall"] }), []);
  const [{ data, error, fetching }] = useQuery({ query: MatchCallsQuery, requestPolicy: "cache-and-network", context });
  const calls = data?.matchCalls ?? [];
  return (
    <>
      <h1>{t("staff.matchCalls.title")}</h1>
      <p>{t("staff.matchCalls.intro")}</p>
      <NewMatchCall />
      <h2>{t("staff.matchCalls.list")}</h2>
      {fetching && !data ? <Loading /> : error ? <StaffError error={error} /> : calls.length === 0 ? <p>{t("staff.matchCalls.none")}</p> : (
        <ul className="staff-list">{calls.map((c) => <li key={c.id} className="card"><MatchCallCard call={c} /></li>)}</ul>
      )}
    </>
  );
}

function NewMatchCall() {
  const { t } = useTranslation();
  const [created, create] = useMutation(CreateMatchCallMutation);
  const [name, setName] = useState("");
  const [rules, setRules] = useState<MatchRulesText>(noRules);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setProblem(t("staff.matchCalls.needName"));
    const settings = matchSettings(rules);
    if (settings === "invalid") return setProblem(t("staff.matchPool.badSettings"));
    setProblem(null);
    const result = await create({ input: { name: name.trim(), currency: "EUR", settings: settings as MatchSettingsInput | null } });
    if (result.data) {
      setName("");
      setRules(noRules);
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="new-call-title" noValidate>
      <h2 id="new-call-title">{t("staff.matchCalls.new")}</h2>
      <Field id="c-name" label={t("staff.matchCalls.name")}>
        <input id="c-name" value={name} onChange={(e) => setName(e.target.value)}
          aria-invalid={problem ? true : undefined} aria-describedby={problem ? "c-problem" : undefined} />
      </Field>
      <MatchRules prefix="c" rules={rules} onChange={setRules} />
      {problem && <p id="c-problem" role="alert" className="error">{problem}</p>}
      <button type="submit" className="primary" disabled={created.fetching}>{t("staff.matchCalls.create")}</button>
      <span role="status">{created.data ? t("staff.matchCalls.created", { name: created.data.createMatchCall.name }) : ""}</span>
      {created.error && <StaffError error={created.error} />}
    </form>
  );
}

function MatchCallCard({ call }: { call: StaffMatchCallFragment }) {
  const { t } = useTranslation();
  const [funded, fund] = useMutation(FundMatchCallMutation);
  const [amount, setAmount] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  // One key per top-up the admin means: a retry of the same form adds nothing twice.
  const [key, setKey] = useState(newKey);
  const s = call.settings;
  const pool = funded.data?.fundMatchCall ?? call.pool;
  const amountId = `fund-${call.id}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const cents = toCents(amount);
    if (!cents) return setProblem(t("staff.matchPool.needAmount"));
    setProblem(null);
    const result = await fund({ id: call.id, amount: cents, currency: call.currency, idempotencyKey: key });
    if (result.data) {
      setKey(newKey());
      setAmount("");
    }
  };
  return (
    <>
      <h3>{call.name}</h3>
      <p className="muted">{t("staff.matchCalls.opened", { at: dateTime(call.openedAt) })}</p>
      <p>
        {t("staff.matchCalls.ratio", { numerator: s.ratioNumerator, denominator: s.ratioDenominator })}
        {" · "}{t("staff.matchCalls.capContribution", { cap: money({ amount: s.capPerContribution, currency: call.currency }) })}
        {s.capPerProject != null && <>{" · "}{t("staff.matchCalls.capProject", { cap: money({ amount: s.capPerProject, currency: call.currency }) })}</>}
      </p>
      <p data-testid="call-pool">
        {pool ? t("staff.matchPool.state", { available: money(pool.available), spent: money(pool.spent) }) : t("staff.matchPool.none")}
        {pool?.exhausted && <> · {t("staff.matchPool.exhausted")}</>}
      </p>
      <form onSubmit={submit} aria-label={t("staff.matchCalls.fundOf", { name: call.name })} noValidate>
        <div className="row">
          <Field id={amountId} label={t("staff.matchPool.amount")}>
            <input id={amountId} value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal"
              aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${amountId}-problem` : undefined} />
          </Field>
          <button type="submit" className="primary" disabled={funded.fetching}>{t("staff.matchCalls.fund")}</button>
        </div>
        {problem && <p id={`${amountId}-problem`} role="alert" className="error">{problem}</p>}
        <span role="status">{funded.data ? t(funded.data.fundMatchCall.replayed ? "staff.matchPool.replayed" : "staff.matchCalls.funded", { name: call.name }) : ""}</span>
        {funded.error && <StaffError error={funded.error} />}
      </form>
    </>
  );
}
