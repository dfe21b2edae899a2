import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { CastBallotMutation, VoteQuery } from "../documents";
import { accessToken } from "../auth";
import { date, money, percent } from "../format";
import { Link } from "../router";
import { BallotForm } from "../ballot/BallotForm";
import { Failure, Loading } from "./common";

export function VotePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }, refetch] = useQuery({ query: VoteQuery, variables: { id } });
  const [cast, castBallot] = useMutation(CastBallotMutation);
  if (fetching && !data) return <Loading />;
  if (error) return <Failure error={error} />;
  const vote = data?.vote;
  if (!vote) return <p>{t("notFound")}</p>;

  const onCast = async (choices: string[], points?: number[]) => {
    const result = await castBallot({ input: { voteId: vote.id, choices, ...(points ? { points } : {}) } });
    if (result.data) refetch({ requestPolicy: "network-only" });
  };

  return (
    <article>
      <h1>{vote.title}</h1>
      <p className="muted">
        {t(`vote.status.${vote.status}`, vote.status)} · {t(`vote.type.${vote.ballotType}`)} · {t("vote.closes", { date: date(vote.closesAt) })} · {t("vote.ballots", { count: vote.ballots })}
      </p>
      {vote.status === "CLOSED" && <p><Link href={`/votes/${encodeURIComponent(vote.id)}/results`}>{t("vote.seeResults")}</Link></p>}
      {vote.status === "OPEN" && (vote.hasVoted ? (
        <p role="status" className="outcome confirmed">{t("vote.hasVoted")}</p>
      ) : !accessToken() ? (
        <p><Link href={`/sign-in?back=${encodeURIComponent(location.pathname)}`}>{t("vote.signInFirst")}</Link></p>
      ) : (
        <>
          <BallotForm rules={{ ...vote, budget: vote.budget?.amount }} options={vote.options} currency={vote.budget?.currency} busy={cast.fetching} onCast={onCast} />
          {cast.error && <Failure error={cast.error} />}
        </>
      ))}
    </article>
  );
}

export function ResultsPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: VoteQuery, variables: { id } });
  if (fetching && !data) return <Loading />;
  if (error) return <Failure error={error} />;
  const vote = data?.vote;
  if (!vote) return <p>{t("notFound")}</p>;
  const results = vote.results;
  const selected = new Set(results?.selected.map((o) => o.id));
  const top = Math.max(1, ...vote.options.map((o) => o.score));
  return (
    <article>
      <h1>{t("vote.results")} : {vote.title}</h1>
      {!results ? (
        <p>{t("vote.notClosed")}</p>
      ) : (
        <>
          {vote.budget && <p>{t("vote.allocated", { amount: money({ amount: results.allocated, currency: vote.budget.currency }) })}</p>}
          <table className="results">
            <thead>
              <tr><th scope="col">{t("nav.votes")}</th><th scope="col">{t("vote.score")}</th><th scope="col"><span className="sr-only">{t("vote.selectedProject")}</span></th></tr>
            </thead>
            <tbody>
              {vote.options.map((o) => (
                <tr key={o.id}>
                  <th scope="row">{o.title}</th>
                  <td>
                    <div className="progress" aria-hidden="true"><div className="bar" style={{ width: `${percent(o.score, top)}%` }} /></div>
                    {o.score}
                  </td>
                  <td>{selected.has(o.id) ? t("vote.selectedProject") : t("vote.notSelected")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </article>
  );
}
