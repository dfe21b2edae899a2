import { useTranslation } from "react-i18next";
import { money } from "../../format";

export interface Reward {
  id: string;
  title: string;
  minAmount: { amount: number; currency: string };
  stock?: number | null;
  remaining?: number | null;
}

/** The campaign's rewards with what is left of each; choosing one carries it (and its least amount) into the pledge form. */
export function Rewards({ rewards, chosen, canChoose, onChoose }: { rewards: readonly Reward[]; chosen: string; canChoose: boolean; onChoose: (reward: Reward) => void }) {
  const { t } = useTranslation();
  if (rewards.length === 0) return null;
  return (
    <section aria-labelledby="rewards-title">
      <h2 id="rewards-title">{t("resident.rewards.title")}</h2>
      <ul className="rewards">
        {rewards.map((r) => {
          const soldOut = r.remaining === 0;
          return (
            <li key={r.id} aria-current={chosen === r.id ? "true" : undefined} data-testid="reward">
              <h3>{r.title}</h3>
              <p>{t("resident.rewards.from", { amount: money(r.minAmount) })}</p>
              <p className="muted">
                {r.remaining == null ? t("resident.rewards.unlimited") : soldOut ? t("resident.rewards.soldOut")
                  : t("resident.rewards.left", { count: r.remaining, stock: r.stock ?? r.remaining })}
              </p>
              {canChoose && !soldOut && (
                <button type="button" onClick={() => onChoose(r)} aria-pressed={chosen === r.id}>
                  {chosen === r.id ? t("resident.rewards.chosen", { title: r.title }) : t("resident.rewards.choose", { title: r.title })}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
