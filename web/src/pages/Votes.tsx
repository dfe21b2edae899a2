import { useState } from "react";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { VotesQuery } from "../documents";
import { Link } from "../router";
import { date } from "../format";
import { Failure, Loading } from "./common";

function Page({ after, last, onMore }: { after: string | null; last: boolean; onMore: (cursor: string) => void }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: VotesQuery, variables: { first: 12, after } });
  if (fetching) return <Loading />;
  if (error) return <Failure error={error} />;
  const page = data!.votes;
  return (
    <>
      <ul className="cards">
        {(page.items ?? []).map((v) => v && (
          <li key={v.id} className="card">
            <h3><Link href={`/votes/${encodeURIComponent(v.id)}`}>{v.title}</Link></h3>
            <p className="muted">
              {t(`vote.status.${v.status}`, v.status)} · {t(`vote.type.${v.ballotType}`)} · {t("vote.closes", { date: date(v.closesAt) })} · {t("vote.ballots", { count: v.ballots })}
            </p>
            {v.status === "CLOSED" && <Link href={`/votes/${encodeURIComponent(v.id)}/results`}>{t("vote.seeResults")}</Link>}
          </li>
        ))}
      </ul>
      {last && page.pageInfo.hasNextPage && page.pageInfo.endCursor && (
        <button type="button" onClick={() => onMore(page.pageInfo.endCursor!)}>{t("vote.more")}</button>
      )}
    </>
  );
}

export function Votes() {
  const { t } = useTranslation();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return (
    <>
      <h1>{t("nav.votes")}</h1>
      {cursors.map((after, i) => (
        <Page key={after ?? "first"} after={after} last={i === cursors.length - 1} onMore={(c) => setCursors([...cursors, c])} />
      ))}
    </>
  );
}
