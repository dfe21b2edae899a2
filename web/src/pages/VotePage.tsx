import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { CastBallotMutation, VoteQuery } from "../documents";
import { accessToken } from "../auth";
import { date, money } from "../format";
import { Link } from "../router";
import { BallotForm } from "../ballot/BallotForm";
import { Failure, Loading } from "./common";
import { useVoteLive, withLive } from "../live/useLive";

export function VotePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }, refetch] = useQuery({ query: VoteQuery, variables: { id } });
  const [cast, castBallot] = useMutation(CastBallotMutation);
  const pushed = useVoteLive(id);
  if (fetching && !data) return <Loading />;
  if (error) return <Failure error={error} />;
  const vote = data?.vote && withLive(data.vote, pushed);
  if (!vote) return <p>{t("notFound")}</p>;

  const onCast = async (choices: string[], points?: number[]) => {
    const result = await castBallot({ input: { voteId: vote.id, choices, ...(points ? { points } : {}) } });
    // A ballot cast meanwhile (another tab, another device): the API refuses this one (ALREADY_VOTED) and the page says so.
    if (result.data || result.error?.graphQLErrors[0]?.extensions?.code === "ALREADY_VOTED") refetch({ requestPolicy: "network-only" });
  };

  return (
    <article>
      <h1>{vote.title}</h1>
      <p className="muted">
        {t(`vote.status.${vote.status}`, vote.status)} · {t(`vote.type.${vote.ballotType}`)} · {t("vote.closes", { date: date(vote.closesAt) })} · <span data-testid="ballots" aria-live="polite">{t("vote.ballots", { count: vote.ballots })}</span>
      </p>
      {vote.districts.length > 0 && (
        <section aria-labelledby="districts-title">
          <h2 id="districts-title">{t("resident.vote.districts")}</h2>
          <ul data-testid="districts">
            {vote.districts.map((d) => (
              <li key={d.name}>
                {t("resident.vote.district", { name: d.name, budget: money({ amount: d.budget, currency: vote.budget?.currency ?? "EUR" }), count: d.ballots })}
              </li>
            ))}
          </ul>
          <p className="muted">{vote.allowSecondDistrict ? t("resident.vote.secondDistrict") : t("resident.vote.ownDistrict")}</p>
        </section>
      )}
      {vote.status === "CLOSED" && vote.results && <p role="status" data-testid="closed">{t("live.closedSelected", { count: vote.results.selected.length })}</p>}
      {vote.status === "CLOSED" && <p><Link href={`/votes/${encodeURIComponent(vote.id)}/results`}>{t("vote.seeResults")}</Link></p>}
      {vote.status === "OPEN" && (vote.hasVoted ? (
        <p role="status" className="outcome confirmed">{t("vote.hasVoted")}</p>
      ) : !accessToken() ? (
        <p><Link href={`/sign-in?back=${encodeURIComponent(location.pathname)}`}>{t("vote.signInFirst")}</Link></p>
      ) : (
        <>
          <BallotForm rules={{ ...vote, budget: vote.budget?.amount }} options={vote.options} currency={vote.budget?.currency} busy={cast.fetching} onCast={onCast} />
        </>
      ))}
      <div aria-live="polite">{cast.error && <Failure error={cast.error} />}</div>
      {vote.status !== "DRAFT" && (
        <section aria-labelledby="projects-title">
          <h2 id="projects-title">{t("vote.projects")}</h2>
          <ul>
            {vote.options.map((o) => (
              <li key={o.id}><Link href={`/votes/${encodeURIComponent(vote.id)}/projects/${encodeURIComponent(o.id)}`}>{t("vote.discussProject", { title: o.title })}</Link></li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
