import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { CastBallotMutation, VoteQuery } from "../documents";
import { accessToken } from "../auth";
import { date, money } from "../format";
import { Link } from "../router";
import { BallotForm } from "../ballot/BallotForm";
import { Failure, Loading } from "./common";
import { useVoteLive, withLive } from "../live/useLive";
import { useViewer } from "../viewer";

export function VotePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }, refetch] = useQuery({ query: VoteQuery, variables: { id } });
  const [cast, castBallot] = useMutation(CastBallotMutation);
  const pushed = useVoteLive(id);
  const { viewer, known } = useViewer();
  const [chosenDistrict, setChosenDistrict] = useState<string | null>(null);
  if (fetching && !data) return <Loading />;
  if (error) return <Failure error={error} />;
  const vote = data?.vote && withLive(data.vote, pushed);
  if (!vote) return <p>{t("notFound")}</p>;

  // A vote with districts: a ballot is for one district (the viewer's own, or a second one where the vote allows it),
  // names only that district's projects and spends its budget, as the API checks.
  const hasDistricts = vote.districts.length > 0;
  const ownDistrict = viewer?.district ?? null;
  const ballotDistrict = hasDistricts ? chosenDistrict ?? ownDistrict : null;
  const ballotOptions = ballotDistrict ? vote.options.filter((o) => o.district === ballotDistrict) : vote.options;
  const ballotBudget = ballotDistrict ? vote.districts.find((d) => d.name === ballotDistrict)?.budget : vote.budget?.amount;

  const onCast = async (choices: string[], points?: number[]) => {
    const result = await castBallot({ input: { voteId: vote.id, choices, ...(points ? { points } : {}), ...(ballotDistrict ? { district: ballotDistrict } : {}) } });
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
      ) : hasDistricts && !ballotDistrict ? (
        known && <p role="status">{t("resident.vote.noDistrict")} <Link href="/me">{t("resident.vote.verifyInMySpace")}</Link></p>
      ) : (
        <>
          {ballotDistrict && (
            <div className="ballot-district">
              {vote.allowSecondDistrict ? (
                <label>
                  {t("resident.vote.ballotDistrict")}{" "}
                  <select value={ballotDistrict} onChange={(e) => setChosenDistrict(e.currentTarget.value)}>
                    {vote.districts.map((d) => (
                      <option key={d.name} value={d.name}>
                        {d.name === ownDistrict ? t("resident.vote.yourDistrict", { name: d.name }) : d.name}
                      </option>
                    ))}
                  </select>
                </label>
              ) : (
                <p>{t("resident.vote.ballotFor", { name: ballotDistrict })}</p>
              )}
            </div>
          )}
          <BallotForm
            key={ballotDistrict ?? ""}
            rules={{ ...vote, budget: ballotBudget }}
            options={ballotOptions}
            currency={vote.budget?.currency}
            busy={cast.fetching}
            onCast={onCast}
          />
        </>
      ))}
      <div aria-live="polite">{cast.error && <Failure error={cast.error} />}</div>
      {vote.status !== "DRAFT" && (
        <section aria-labelledby="projects-title">
          <h2 id="projects-title">{t("vote.projects")}</h2>
          <ul>
            {vote.options.map((o) => (
              <li key={o.id}>
                <Link href={`/votes/${encodeURIComponent(vote.id)}/projects/${encodeURIComponent(o.id)}`}>{t("vote.discussProject", { title: o.title })}</Link>
                {o.district && <span className="muted"> · {t("resident.vote.optionDistrict", { name: o.district })}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
