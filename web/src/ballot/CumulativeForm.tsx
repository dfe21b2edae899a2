import { useState } from "react";
import { useTranslation } from "react-i18next";
import { cumulativeValid, pointBallot, remainingPoints, setPoints, type PointRules } from "./forms-rules";
import { Casting } from "./Casting";
import type { FormProps } from "./BallotForm";

/** Cumulative: points per project with a number input and -/+ steppers, the points left shown live. */
export function CumulativeForm({ rules, options, busy, onCast, initial }: FormProps) {
  const { t } = useTranslation();
  const pr: PointRules = {
    maxPointsPerProject: rules.maxPointsPerProject ?? 0,
    maxTotalPoints: rules.maxTotalPoints ?? 0,
    minChoices: rules.minChoices,
    maxChoices: rules.maxChoices,
  };
  const [points, setAll] = useState<Record<string, number>>(() =>
    Object.fromEntries((initial?.choices ?? []).map((id, i) => [id, initial?.points?.[i] ?? 0])),
  );
  const left = remainingPoints(pr, points);
  const valid = cumulativeValid(pr, points);
  const order = options.map((o) => o.id);
  const set = (id: string, value: number) => setAll(setPoints(pr, points, id, value));
  const given = Object.values(points).filter((p) => p > 0).length;
  const problem = given === 0 ? null : !valid ? t("vote.pointsProblem", { min: Math.max(1, pr.minChoices), max: pr.maxChoices }) : null;
  return (
    <Casting ballot={valid ? pointBallot(order, points) : null} busy={busy} problem={problem} onCast={onCast}>
      {(locked) => (
        <fieldset disabled={locked}>
          <legend>{t("vote.cumulative", { total: pr.maxTotalPoints, each: pr.maxPointsPerProject })}</legend>
          {options.map((option) => {
            const value = points[option.id] ?? 0;
            const input = `points-${option.id}`;
            return (
              <div key={option.id} className="choice points">
                <label htmlFor={input}>{option.title}</label>
                <button type="button" aria-label={t("vote.lessPoints", { title: option.title })} disabled={value <= 0} onClick={() => set(option.id, value - 1)}>−</button>
                <input
                  id={input}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={pr.maxPointsPerProject}
                  step={1}
                  value={value}
                  onChange={(e) => set(option.id, e.currentTarget.valueAsNumber)}
                />
                <button
                  type="button"
                  aria-label={t("vote.morePoints", { title: option.title })}
                  disabled={value >= pr.maxPointsPerProject || left <= 0}
                  onClick={() => set(option.id, value + 1)}
                >
                  +
                </button>
              </div>
            );
          })}
          <p aria-live="polite">{t("vote.pointsLeft", { count: left, total: pr.maxTotalPoints })}</p>
        </fieldset>
      )}
    </Casting>
  );
}
