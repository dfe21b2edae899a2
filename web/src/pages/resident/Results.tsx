import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { money } from "../../format";
import { Failure, Loading } from "../common";
import { ResultsQuery } from "./documents";
import { BarChart } from "./Charts";
import type { VoteResultsQuery } from "../../gql/graphql";

type Vote = NonNullable<VoteResultsQuery["vote"]>;
type Payments = readonly { id: string; payers: number; maxPayment: string }[];

/** Equal shares' accounting: what the most-charged supporter of each selected project paid, and how many shared it. */
function EqualSharesChart({ vote, payments, currency, title }: { vote: Vote; payments: Payments; currency: string; title: string }) {
  const { t } = useTranslation();
  const name = (id: string) => vote.options.find((o) => o.id === id)?.title ?? id;
  return (
    <BarChart title={title} valueLabel={t("resident.results.perSupporter")}
      bars={payments.map((p) => {
        const cents = Math.round(Number(p.maxPayment));
        const cost = vote.options.find((o) => o.id === p.id)?.cost ?? 0;
        return {
          label: name(p.id),
          value: cents,
          display: t("resident.results.paid", { most: money({ amount: cents, currency }), payers: p.payers, average: money({ amount: p.payers > 0 ? Math.round(cost / p.payers) : 0, currency }) }),
        };
      })} />
  );
}

export function ResultsPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: ResultsQuery, variables: { id } });
  if (fetching && !data) return <Loading />;
  if (error) return <Failure error={error} />;
  const vote = data?.vote;
  if (!vote) return <p>{t("notFound")}</p>;
  const results = vote.results;
  const currency = vote.budget?.currency ?? "EUR";
  const selected = new Set(results?.selected.map((o) => o.id));
  const scoreOf = new Map(results?.projects.map((p) => [p.id, p] as const));
  const bars = (ids: readonly string[]) => vote.options.filter((o) => ids.includes(o.id)).map((o) => ({
    label: o.title,
    value: scoreOf.get(o.id)?.score ?? 0,
    display: String(scoreOf.get(o.id)?.score ?? 0),
    highlight: selected.has(o.id),
  }));
  return (
    <article>
      <h1>{t("vote.results")} : {vote.title}</h1>
      {!results ? (
        <p>{t("vote.notClosed")}</p>
      ) : (
        <>
          <p>
            {t("vote.ballots", { count: vote.ballots })}
            {vote.budget && <> · {t("vote.allocated", { amount: money({ amount: results.allocated, currency }) })} · {t("resident.results.leftOver", { amount: money({ amount: results.leftOver, currency }) })}</>}
          </p>
          <table className="results">
            <caption className="sr-only">{t("resident.results.table")}</caption>
            <thead>
              <tr><th scope="col">{t("resident.results.project")}</th><th scope="col">{t("resident.results.cost")}</th><th scope="col">{t("vote.score")}</th><th scope="col">{t("resident.results.outcome")}</th></tr>
            </thead>
            <tbody>
              {vote.options.map((o) => (
                <tr key={o.id}>
                  <th scope="row">{o.title}{o.district && <span className="muted"> · {o.district}</span>}</th>
                  <td>{money({ amount: o.cost, currency })}</td>
                  <td>{scoreOf.get(o.id)?.score ?? 0}</td>
                  <td>{selected.has(o.id) ? t("vote.selectedProject") : t("vote.notSelected")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <section aria-labelledby="charts-title" data-testid="results-charts">
            <h2 id="charts-title">{t("resident.results.charts")}</h2>
            {results.districts.length === 0 ? (
              <BarChart title={t("resident.results.byProject")} valueLabel={t("vote.score")} highlightLabel={t("vote.selectedProject")}
                bars={bars(vote.options.map((o) => o.id))} />
            ) : (
              <>
                <BarChart title={t("resident.results.participation")} valueLabel={t("resident.figures.ballots")}
                  bars={results.districts.map((d) => ({ label: d.district, value: d.ballots, display: t("vote.ballots", { count: d.ballots }) }))} />
                {results.districts.map((d) => (
                  <div key={d.district}>
                    <h3>{t("resident.results.district", { name: d.district })}</h3>
                    <p>{t("resident.results.districtBudget", { budget: money({ amount: d.budget, currency }), allocated: money({ amount: d.allocated, currency }), count: d.ballots })}</p>
                    <BarChart title={t("resident.results.byProjectIn", { name: d.district })} valueLabel={t("vote.score")} highlightLabel={t("vote.selectedProject")}
                      bars={bars(vote.options.filter((o) => o.district === d.district).map((o) => o.id))} />
                    {d.equalShares && d.equalShares.payments.length > 0 && (
                      <EqualSharesChart vote={vote} payments={d.equalShares.payments} currency={currency} title={t("resident.results.equalSharesIn", { name: d.district })} />
                    )}
                  </div>
                ))}
              </>
            )}
            {results.equalShares && (
              <>
                <p>{t("resident.results.shareEach", { share: money({ amount: Math.round(Number(results.equalShares.shareEach)), currency }), count: results.equalShares.votersWhoPaid })}</p>
                <EqualSharesChart vote={vote} payments={results.equalShares.payments} currency={currency} title={t("resident.results.equalShares")} />
              </>
            )}
          </section>
        </>
      )}
    </article>
  );
}
