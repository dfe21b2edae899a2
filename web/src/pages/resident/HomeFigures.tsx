import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { TransparencyQuery } from "./documents";
import { money } from "../../format";
import { BarChart } from "./Charts";

/** The tenant's transparency figures on the home page: money raised by mode and by category, participation in votes. */
export function HomeFigures() {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: TransparencyQuery });
  if (!data) return null;
  const figures = data.transparency;
  const votes = (data.votes.items ?? []).filter((v): v is NonNullable<typeof v> => Boolean(v));
  return (
    <section aria-labelledby="figures-title">
      <h2 id="figures-title">{t("resident.figures.title")}</h2>
      <p data-testid="figures-summary">
        {t("resident.figures.backers", { count: figures.backers })} · {t("resident.figures.contributions", { count: figures.contributions })}
        {figures.matchfundingSpent.amount > 0 && <> · {t("resident.figures.matched", { amount: money(figures.matchfundingSpent) })}</>}
      </p>
      <div className="figures-grid">
        <BarChart title={t("resident.figures.byMode")} valueLabel={t("resident.figures.raised")}
          bars={figures.raisedByMode.map((m) => ({ label: t(`resident.mode.${m.mode}`), value: m.amount.amount, display: money(m.amount) }))} />
        <BarChart title={t("resident.figures.byCategory")} valueLabel={t("resident.figures.raised")}
          bars={figures.raisedByCategory.map((c) => ({
            label: c.category ? (c.category === "TENANT_DEFINED" ? c.custom ?? "" : t(`resident.category.${c.category}`)) : t("resident.category.none"),
            value: c.amount.amount,
            display: money(c.amount),
          }))} />
        {votes.length > 0 && (
          <BarChart title={t("resident.figures.participation")} valueLabel={t("resident.figures.ballots")}
            bars={votes.map((v) => ({ label: v.title, value: v.ballots, display: t("vote.ballots", { count: v.ballots }) }))} />
        )}
      </div>
    </section>
  );
}
