import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { canChoose, isValid, supported, toggle, type BallotRules } from "./rules";
import { money } from "../format";

export interface BallotOption {
  id: string;
  title: string;
  cost: number;
}

interface Props {
  rules: BallotRules;
  options: readonly BallotOption[];
  currency?: string;
  busy?: boolean;
  onCast: (choices: string[]) => void;
}

/** The ballot of a CHOOSE_ONE or APPROVAL vote, with its rule shown and checked live, and a confirmation before casting. */
export function BallotForm({ rules, options, currency, busy, onCast }: Props) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  if (!supported.includes(rules.ballotType)) return <p role="status">{t("vote.unsupported")}</p>;

  const one = rules.ballotType === "CHOOSE_ONE";
  const valid = isValid(rules, chosen);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    if (!confirming) setConfirming(true);
    else onCast(chosen);
  };
  const legend = one ? t("vote.chooseOne") : t("vote.approval", { min: Math.max(1, rules.minChoices), max: rules.maxChoices });

  return (
    <form className="ballot" onSubmit={submit} aria-label={t("vote.submit")}>
      <fieldset disabled={busy || confirming}>
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
      {confirming ? (
        <div role="alertdialog" aria-labelledby="confirm-text" className="confirm">
          <p id="confirm-text">{t("vote.confirm")}</p>
          <button type="submit" className="primary" disabled={busy} autoFocus>
            {t("vote.confirmYes")}
          </button>{" "}
          <button type="button" onClick={() => setConfirming(false)}>
            {t("vote.confirmNo")}
          </button>
        </div>
      ) : (
        <button type="submit" className="primary" disabled={!valid || busy}>
          {t("vote.submit")}
        </button>
      )}
    </form>
  );
}
