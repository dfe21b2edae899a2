import { useState, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import { move, moveTo, ordinalValid, toggleRank, type RankRules } from "./forms-rules";
import { Casting } from "./Casting";
import type { FormProps } from "./BallotForm";

/** Ordinal: pick projects into a ranking, then order it with up/down buttons (keyboard) or by dragging (pointer). */
export function OrdinalForm({ rules, options, busy, onCast, initial }: FormProps) {
  const { t } = useTranslation();
  const rr: RankRules = { ranks: rules.maxChoices > 0 ? rules.maxChoices : options.length, exactRanks: rules.exactRanks ?? true };
  const [ranking, setRanking] = useState<string[]>(initial?.choices ?? []);
  const [dragged, setDragged] = useState<number | null>(null);
  const [said, setSaid] = useState("");
  const title = (id: string) => options.find((o) => o.id === id)?.title ?? id;
  const valid = ordinalValid(rr, ranking);
  const shift = (id: string, delta: number) => {
    const next = move(ranking, id, delta);
    setRanking(next);
    setSaid(t("vote.movedTo", { title: title(id), rank: next.indexOf(id) + 1 }));
  };
  const drop = (event: DragEvent, to: number) => {
    event.preventDefault();
    if (dragged === null) return;
    const id = ranking[dragged];
    const next = moveTo(ranking, dragged, to);
    setRanking(next);
    setDragged(null);
    setSaid(t("vote.movedTo", { title: title(id), rank: to + 1 }));
  };
  const legend = rr.exactRanks ? t("vote.ordinalExact", { count: rr.ranks }) : t("vote.ordinalAtMost", { count: rr.ranks });
  const problem = ranking.length > 0 && !valid ? t("vote.rankMore", { count: rr.ranks - ranking.length }) : null;
  return (
    <Casting ballot={valid ? { choices: ranking } : null} busy={busy} problem={problem || said || null} onCast={onCast}>
      {(locked) => (
        <fieldset disabled={locked}>
          <legend>{legend}</legend>
          {options.map((option) => (
            <label key={option.id} className="choice">
              <input
                type="checkbox"
                name="ranked"
                value={option.id}
                checked={ranking.includes(option.id)}
                disabled={!ranking.includes(option.id) && ranking.length >= rr.ranks}
                onChange={() => setRanking(toggleRank(rr, ranking, option.id))}
              />
              <span>{option.title}</span>
            </label>
          ))}
          <h2 className="ranking-title" id="ranking-title">{t("vote.yourRanking")}</h2>
          <ol className="ranking" aria-labelledby="ranking-title">
            {ranking.map((id, i) => (
              <li
                key={id}
                draggable={!locked}
                onDragStart={() => setDragged(i)}
                onDragOver={(e) => e.preventDefault()}
                onDrop={(e) => drop(e, i)}
                className={dragged === i ? "dragging" : undefined}
              >
                <span className="rank">{i + 1}.</span> <span>{title(id)}</span>{" "}
                <button type="button" aria-label={t("vote.moveUp", { title: title(id) })} disabled={i === 0} onClick={() => shift(id, -1)}>↑</button>{" "}
                <button type="button" aria-label={t("vote.moveDown", { title: title(id) })} disabled={i === ranking.length - 1} onClick={() => shift(id, 1)}>↓</button>
              </li>
            ))}
          </ol>
        </fieldset>
      )}
    </Casting>
  );
}
