import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import { CreateVoteMutation } from "./documents";
import type { BallotType, CreateVoteInput, VoteRule } from "../../gql/graphql";
import { navigate } from "../../router";
import { Field, StaffError } from "./ui";
import { localIn, toCents, toInstant, toInt } from "./forms";

export const ballotTypes: BallotType[] = ["CHOOSE_ONE", "APPROVAL", "KNAPSACK", "CUMULATIVE", "ORDINAL", "MAJORITY_JUDGMENT"];
export const voteRules: VoteRule[] = ["GREEDY", "GREEDY_NO_SKIP", "GREEDY_THRESHOLD", "EQUAL_SHARES", "EQUAL_SHARES_ADD_1", "EQUAL_SHARES_ADD_1_COMPARISON", "MAJORITY_JUDGMENT"];

// The API's bounds on a vote's lists (grains.interfaces ListLimits): the form offers no more.
const maxOptions = 1000;
const maxDistricts = 100;

interface OptionRow { title: string; cost: string; district: string }
interface DistrictRow { name: string; budget: string }

/** Admins: a vote of any ballot type and counting rule; it opens at its opening date (now when left empty). */
export function NewVote() {
  const { t } = useTranslation();
  const [title, setTitle] = useState("");
  const [ballotType, setBallotType] = useState<BallotType>("APPROVAL");
  const [rule, setRule] = useState<VoteRule | "">("");
  const [min, setMin] = useState("1");
  const [max, setMax] = useState("3");
  const [budget, setBudget] = useState("");
  const [opensAt, setOpensAt] = useState("");
  const [closesAt, setClosesAt] = useState(localIn(14));
  const [pointsEach, setPointsEach] = useState("3");
  const [pointsTotal, setPointsTotal] = useState("10");
  const [gradeScale, setGradeScale] = useState("6");
  const [minimumSpend, setMinimumSpend] = useState("");
  const [exactRanks, setExactRanks] = useState(false);
  const [requireVerified, setRequireVerified] = useState(false);
  const [minimumAge, setMinimumAge] = useState("");
  const [secondDistrict, setSecondDistrict] = useState(false);
  const [districts, setDistricts] = useState<DistrictRow[]>([]);
  const [options, setOptions] = useState<OptionRow[]>([{ title: "", cost: "", district: "" }, { title: "", cost: "", district: "" }]);
  const [problems, setProblems] = useState<string[]>([]);
  const [created, create] = useMutation(CreateVoteMutation);

  const setOption = (i: number, change: Partial<OptionRow>) => setOptions((all) => all.map((o, j) => (j === i ? { ...o, ...change } : o)));
  const setDistrict = (i: number, change: Partial<DistrictRow>) => setDistricts((all) => all.map((d, j) => (j === i ? { ...d, ...change } : d)));
  const usesBudget = ballotType === "KNAPSACK" || budget.trim() !== "";

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: string[] = [];
    const closes = toInstant(closesAt);
    if (!title.trim()) found.push(t("staff.vote.needTitle"));
    if (!closes) found.push(t("staff.vote.needClose"));
    const budgetCents = budget.trim() ? toCents(budget) : null;
    if (budget.trim() && budgetCents === null) found.push(t("staff.vote.badAmount", { field: t("staff.vote.budget") }));
    if (ballotType === "KNAPSACK" && budgetCents === null) found.push(t("staff.vote.needBudget"));
    const rows = options.filter((o) => o.title.trim());
    if (rows.length < 2) found.push(t("staff.vote.needOptions"));
    const costs = rows.map((o) => (o.cost.trim() ? toCents(o.cost) : 0));
    if (costs.some((c) => c === null)) found.push(t("staff.vote.badAmount", { field: t("staff.vote.cost") }));
    const districtRows = districts.filter((d) => d.name.trim());
    const districtBudgets = districtRows.map((d) => toCents(d.budget));
    if (districtBudgets.some((b) => b === null)) found.push(t("staff.vote.badAmount", { field: t("staff.vote.districtBudget") }));
    setProblems(found);
    if (found.length > 0) return;

    const input: CreateVoteInput = {
      title: title.trim(),
      ballotType,
      minChoices: toInt(min),
      maxChoices: toInt(max),
      options: rows.map((o, i) => ({ title: o.title.trim(), cost: costs[i] ?? 0, district: o.district || null })),
      budget: budgetCents === null ? null : { amount: budgetCents, currency: "EUR" },
      opensAt: toInstant(opensAt),
      closesAt: closes!,
      rule: rule || null,
      requireVerified,
      minimumAge: toInt(minimumAge),
    };
    if (ballotType === "CUMULATIVE") Object.assign(input, { maxPointsPerProject: toInt(pointsEach), maxTotalPoints: toInt(pointsTotal) });
    if (ballotType === "MAJORITY_JUDGMENT") input.gradeScale = toInt(gradeScale);
    if (ballotType === "KNAPSACK" && minimumSpend.trim()) input.minimumSpendPercent = toInt(minimumSpend);
    if (ballotType === "ORDINAL") input.exactRanks = exactRanks;
    if (districtRows.length > 0) {
      input.districts = districtRows.map((d, i) => ({ name: d.name.trim(), budget: districtBudgets[i]! }));
      input.allowSecondDistrict = secondDistrict;
    }
    const result = await create({ input });
    if (result.data) navigate(`/staff/votes/${encodeURIComponent(result.data.createVote.id)}`);
  };

  const districtNames = districts.map((d) => d.name.trim()).filter(Boolean);
  return (
    <>
      <h1>{t("staff.vote.title")}</h1>
      <form onSubmit={submit} noValidate>
        <Field id="v-title" label={t("staff.vote.name")}><input id="v-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} /></Field>
        <Field id="v-type" label={t("staff.vote.ballotType")}>
          <select id="v-type" value={ballotType} onChange={(e) => setBallotType(e.target.value as BallotType)}>
            {ballotTypes.map((b) => <option key={b} value={b}>{t(`vote.type.${b}`)}</option>)}
          </select>
        </Field>
        <Field id="v-rule" label={t("staff.vote.rule")} hint={t("staff.vote.ruleHint")}>
          <select id="v-rule" value={rule} onChange={(e) => setRule(e.target.value as VoteRule | "")} aria-describedby="v-rule-hint">
            <option value="">{t("staff.vote.defaultRule")}</option>
            {voteRules.map((r) => <option key={r} value={r}>{t(`staff.vote.rules.${r}`)}</option>)}
          </select>
        </Field>
        {ballotType !== "CHOOSE_ONE" && (
          <div className="row">
            <Field id="v-min" label={t("staff.vote.minChoices")}><input id="v-min" type="number" min={0} value={min} onChange={(e) => setMin(e.target.value)} /></Field>
            <Field id="v-max" label={t("staff.vote.maxChoices")}><input id="v-max" type="number" min={1} value={max} onChange={(e) => setMax(e.target.value)} /></Field>
          </div>
        )}
        <Field id="v-budget" label={t("staff.vote.budget")} hint={ballotType === "KNAPSACK" ? t("staff.vote.budgetRequired") : t("staff.vote.budgetHint")}>
          <input id="v-budget" value={budget} onChange={(e) => setBudget(e.target.value)} inputMode="decimal" aria-describedby="v-budget-hint" />
        </Field>
        {ballotType === "KNAPSACK" && (
          <Field id="v-spend" label={t("staff.vote.minimumSpend")}><input id="v-spend" type="number" min={0} max={100} value={minimumSpend} onChange={(e) => setMinimumSpend(e.target.value)} /></Field>
        )}
        {ballotType === "CUMULATIVE" && (
          <div className="row">
            <Field id="v-each" label={t("staff.vote.pointsEach")}><input id="v-each" type="number" min={1} value={pointsEach} onChange={(e) => setPointsEach(e.target.value)} /></Field>
            <Field id="v-total" label={t("staff.vote.pointsTotal")}><input id="v-total" type="number" min={1} value={pointsTotal} onChange={(e) => setPointsTotal(e.target.value)} /></Field>
          </div>
        )}
        {ballotType === "MAJORITY_JUDGMENT" && (
          <Field id="v-grades" label={t("staff.vote.gradeScale")}><input id="v-grades" type="number" min={2} value={gradeScale} onChange={(e) => setGradeScale(e.target.value)} /></Field>
        )}
        {ballotType === "ORDINAL" && (
          <label className="choice"><input type="checkbox" checked={exactRanks} onChange={(e) => setExactRanks(e.target.checked)} />{t("staff.vote.exactRanks")}</label>
        )}
        <div className="row">
          <Field id="v-opens" label={t("staff.vote.opensAt")} hint={t("staff.vote.opensHint")}>
            <input id="v-opens" type="datetime-local" value={opensAt} onChange={(e) => setOpensAt(e.target.value)} aria-describedby="v-opens-hint" />
          </Field>
          <Field id="v-closes" label={t("staff.vote.closesAt")}><input id="v-closes" type="datetime-local" value={closesAt} onChange={(e) => setClosesAt(e.target.value)} /></Field>
        </div>
        <label className="choice"><input type="checkbox" checked={requireVerified} onChange={(e) => setRequireVerified(e.target.checked)} />{t("staff.vote.requireVerified")}</label>
        <Field id="v-age" label={t("staff.vote.minimumAge")}><input id="v-age" type="number" min={0} value={minimumAge} onChange={(e) => setMinimumAge(e.target.value)} /></Field>

        <fieldset>
          <legend>{t("staff.vote.districts")}</legend>
          {districts.map((d, i) => (
            <div key={i} className="row">
              <Field id={`v-d${i}-name`} label={t("staff.vote.districtName", { n: i + 1 })}><input id={`v-d${i}-name`} value={d.name} onChange={(e) => setDistrict(i, { name: e.target.value })} /></Field>
              <Field id={`v-d${i}-budget`} label={t("staff.vote.districtBudgetOf", { n: i + 1 })}><input id={`v-d${i}-budget`} value={d.budget} inputMode="decimal" onChange={(e) => setDistrict(i, { budget: e.target.value })} /></Field>
              <button type="button" onClick={() => setDistricts((all) => all.filter((_, j) => j !== i))}>{t("staff.vote.removeDistrict", { n: i + 1 })}</button>
            </div>
          ))}
          <button type="button" disabled={districts.length >= maxDistricts} onClick={() => setDistricts((all) => [...all, { name: "", budget: "" }])}>{t("staff.vote.addDistrict")}</button>
          {districts.length > 0 && (
            <label className="choice"><input type="checkbox" checked={secondDistrict} onChange={(e) => setSecondDistrict(e.target.checked)} />{t("staff.vote.secondDistrict")}</label>
          )}
        </fieldset>

        <fieldset>
          <legend>{t("staff.vote.options")}</legend>
          {options.map((o, i) => (
            <div key={i} className="row">
              <Field id={`v-o${i}-title`} label={t("staff.vote.optionTitle", { n: i + 1 })}><input id={`v-o${i}-title`} value={o.title} onChange={(e) => setOption(i, { title: e.target.value })} maxLength={200} /></Field>
              {usesBudget && (
                <Field id={`v-o${i}-cost`} label={t("staff.vote.optionCost", { n: i + 1 })}><input id={`v-o${i}-cost`} value={o.cost} inputMode="decimal" onChange={(e) => setOption(i, { cost: e.target.value })} /></Field>
              )}
              {districtNames.length > 0 && (
                <Field id={`v-o${i}-district`} label={t("staff.vote.optionDistrict", { n: i + 1 })}>
                  <select id={`v-o${i}-district`} value={o.district} onChange={(e) => setOption(i, { district: e.target.value })}>
                    <option value="">{t("staff.vote.cityWide")}</option>
                    {districtNames.map((name) => <option key={name} value={name}>{name}</option>)}
                  </select>
                </Field>
              )}
              <button type="button" disabled={options.length <= 2} onClick={() => setOptions((all) => all.filter((_, j) => j !== i))}>{t("staff.vote.removeOption", { n: i + 1 })}</button>
            </div>
          ))}
          <button type="button" disabled={options.length >= maxOptions} onClick={() => setOptions((all) => [...all, { title: "", cost: "", district: "" }])}>{t("staff.vote.addOption")}</button>
        </fieldset>
        {problems.length > 0 && <div role="alert" className="error"><ul>{problems.map((p) => <li key={p}>{p}</li>)}</ul></div>}
        <button type="submit" className="primary" disabled={created.fetching}>{t("staff.vote.create")}</button>
        {created.error && <StaffError error={created.error} />}
      </form>
    </>
  );
}
