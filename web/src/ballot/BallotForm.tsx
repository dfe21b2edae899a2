import { useState } from "react";
import { useTranslation } from "react-i18next";
import { canChoose, isValid, supported, toggle, type BallotRules } from "./rules";
import { money } from "../format";
import { Casting, type Cast } from "./Casting";
import { KnapsackForm } from "./KnapsackForm";
import { CumulativeForm } from "./CumulativeForm";
import { OrdinalForm } from "./OrdinalForm";
import { GradesForm } from "./GradesForm";

export interface BallotOption {
  id: string;
  title: string;
  cost: number;
}

export interface FormProps {
  rules: BallotRules;
  options: readonly BallotOption[];
  currency?: string;
  busy?: boolean;
  /** choices in ballot order; points (CUMULATIVE) or grades (MAJORITY_JUDGMENT) parallel to them. */
  onCast: (choices: string[], points?: number[]) => void;
  /** A ballot to start from (component tests render a form in a given state). */
  initial?: Cast;
}

/** The ballot of a vote, one form per ballot type, each with its rule shown and checked live, and a confirmation before casting. */
export function BallotForm(props: FormProps) {
  const { t } = useTranslation();
  switch (props.rules.ballotType) {
    case "KNAPSACK":
      return <KnapsackForm {...props} />;
    case "CUMULATIVE":
      return <CumulativeForm {...props} />;
    case "ORDINAL":
      return <OrdinalForm {...props} />;
    case "MAJORITY_JUDGMENT":
      return <GradesForm {...props} />;
    default:
      if (!supported.includes(props.rules.ballotType)) return <p role="status">{t("vote.unsupported")}</p>;
      return <ChoicesForm {...props} />;
  }
}

/** CHOOSE_ONE (radio buttons) and APPROVAL (checkboxes between minChoices and maxChoices). */
function ChoicesForm({ rules, options, currency, busy, onCast, initial }: FormProps) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string[]>(initial?.choices ?? []);
  const one = rules.ballotType === "CHOOSE_ONE";
  const valid = isValid(rules, chosen);
  const legend = one ? t("vote.chooseOne") : t("vote.approval", { min: Math.max(1, rules.minChoices), max: rules.maxChoices });
  return (
    <Casting ballot={valid ? { choices: chosen } : null} busy={busy} onCast={onCast}>
      {(locked) => (
        <fieldset disabled={locked}>
          <legend>{legend}</legend>
          {options.map((option) => (
            <label key={option.id} className="choice">
              <input
                type={one ? "radio" : "checkbox"}
                name="choice"
                value={option.id}
                checked={chosen.includes(option.id)}
                disabled={!canChoose(rules, chosen, option.id)}
                onChange={() => setChosen(toggle(rules, chosen, option.id))}
              />
              <span>{option.title}</span>
              {currency && option.cost > 0 && <span className="muted">{t("vote.cost", { amount: money({ amount: option.cost, currency }) })}</span>}
            </label>
          ))}
          {!one && (
            <p className="muted" aria-live="polite">
              {t("vote.selected", { count: chosen.length, max: rules.maxChoices })}
            </p>
          )}
        </fieldset>
      )}
    </Casting>
  );
}
