import { useState } from "react";
import { useTranslation } from "react-i18next";
import { gradeBallot, gradesValid } from "./forms-rules";
import { Casting } from "./Casting";
import type { FormProps } from "./BallotForm";

/** Majority judgment: one radio group of grades 0 (worst) to gradeScale-1 for every project. */
export function GradesForm({ rules, options, busy, onCast, initial }: FormProps) {
  const { t } = useTranslation();
  const scale = rules.gradeScale ?? 0;
  const [grades, setGrades] = useState<Record<string, number>>(() =>
    Object.fromEntries((initial?.choices ?? []).map((id, i) => [id, initial?.points?.[i] ?? 0])),
  );
  const order = options.map((o) => o.id);
  const valid = gradesValid(order, grades, scale);
  const missing = order.filter((id) => grades[id] === undefined).length;
  const scaleLabels = Array.from({ length: scale }, (_, g) => gradeName(t, g, scale));
  return (
    <Casting
      ballot={valid ? gradeBallot(order, grades) : null}
      busy={busy}
      problem={missing > 0 && missing < order.length ? t("vote.gradesMissing", { count: missing }) : null}
      onCast={onCast}
    >
      {(locked) => (
        <div>
          <p>{t("vote.grades", { count: scale })}</p>
          {options.map((option) => (
            <fieldset key={option.id} disabled={locked} className="grades">
              <legend>{option.title}</legend>
              {scaleLabels.map((label, g) => (
                <label key={g} className="grade">
                  <input
                    type="radio"
                    name={`grade-${option.id}`}
                    value={g}
                    checked={grades[option.id] === g}
                    onChange={() => setGrades({ ...grades, [option.id]: g })}
                  />
                  <span>{label}</span>
                </label>
              ))}
            </fieldset>
          ))}
        </div>
      )}
    </Casting>
  );
}

/** The named grades when the scale has a name list of that length (fr/en), "grade g" otherwise. */
function gradeName(t: (key: string, opts?: Record<string, unknown>) => string, g: number, scale: number): string {
  const named = t(`vote.gradeNames.${scale}`, { returnObjects: true, defaultValue: "" }) as unknown;
  if (Array.isArray(named) && named.length === scale) return String(named[g]);
  return t("vote.grade", { grade: g });
}
