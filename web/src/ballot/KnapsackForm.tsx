import { useState } from "react";
import { useTranslation } from "react-i18next";
import { money, percent } from "../format";
import { knapsackValid, spending } from "./forms-rules";
import { Casting } from "./Casting";
import type { FormProps } from "./BallotForm";

/** Knapsack: projects with their costs and a live budget bar; over budget or under the minimum spend disables the vote. */
export function KnapsackForm({ rules, options, currency = "EUR", busy, onCast, initial }: FormProps) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string[]>(initial?.choices ?? []);
  const budget = rules.budget ?? 0;
  const s = spending(options, chosen, budget, rules.minimumSpendPercent ?? 0);
  const valid = knapsackValid(s, chosen);
  const m = (amount: number) => money({ amount, currency });
  const problem = s.over
    ? t("vote.overBudget", { amount: m(s.total - budget) })
    : chosen.length > 0 && s.under
      ? t("vote.underMinimum", { amount: m(s.minimum) })
      : null;
  const toggle = (id: string) => setChosen(chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id]);
  return (
    <Casting ballot={valid ? { choices: chosen } : null} busy={busy} problem={problem} onCast={onCast}>
      {(locked) => (
        <fieldset disabled={locked}>
          <legend>
            {t("vote.knapsack", { budget: m(budget) })}
            {s.minimum > 0 && <> {t("vote.minimumSpend", { amount: m(s.minimum), percent: rules.minimumSpendPercent })}</>}
          </legend>
          {options.map((option) => (
            <label key={option.id} className="choice">
              <input type="checkbox" name="choice" value={option.id} checked={chosen.includes(option.id)} onChange={() => toggle(option.id)} />
              <span>{option.title}</span>
              <span className="muted">{t("vote.cost", { amount: m(option.cost) })}</span>
            </label>
          ))}
          <div className="budget-bar">
            <div
              className={s.over ? "progress over" : "progress"}
              role="meter"
              aria-label={t("vote.spent")}
              aria-valuemin={0}
              aria-valuemax={budget}
              aria-valuenow={Math.min(s.total, budget)}
              aria-valuetext={t("vote.spentOf", { total: m(s.total), budget: m(budget) })}
            >
              <div className="bar" style={{ width: `${percent(s.total, budget)}%` }} />
            </div>
            <p aria-live="polite">{t("vote.spentOf", { total: m(s.total), budget: m(budget) })}</p>
          </div>
        </fieldset>
      )}
    </Casting>
  );
}
