import { lazy, Suspense } from "react";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { VoteOptionQuery } from "../documents";
import { money } from "../format";
import { Link } from "../router";
import { Failure, Loading } from "./common";

const ItemThread = lazy(() => import("./ideas/ItemThread"));

/** One project of a vote: its title and cost, and its comment thread once the vote is open (a draft takes none). */
export function VoteOptionPage({ voteId, optionId }: { voteId: string; optionId: string }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: VoteOptionQuery, variables: { voteId, optionId } });
  if (fetching && !data) return <Loading />;
  if (error) return <Failure error={error} />;
  const vote = data?.vote;
  const option = data?.voteOption;
  if (!vote || !option) return <p>{t("notFound")}</p>;
  return (
    <article>
      <p><Link href={`/votes/${encodeURIComponent(vote.id)}`}>{vote.title}</Link></p>
      <h1>{option.title}</h1>
      <p className="muted">{t("vote.projectCost", { cost: money({ amount: option.cost, currency: vote.budget?.currency ?? "EUR" }) })}</p>
      {vote.status !== "DRAFT" && (
        <Suspense fallback={<Loading />}>
          <ItemThread target={{ kind: "voteOption", voteId: vote.id, optionId: option.id }} />
        </Suspense>
      )}
    </article>
  );
}
