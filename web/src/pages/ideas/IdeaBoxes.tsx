import { useState } from "react";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { date } from "../../format";
import { Link } from "../../router";
import { Failure, Loading } from "../common";
import { IdeaBoxesQuery } from "./documents";
import { isModerator, useViewer } from "../../viewer";
import { paths } from "./shared";

const pageSize = 12;

function boxStatus(opensAt: string, closesAt: string): "upcoming" | "open" | "closed" {
  const now = Date.now();
  if (now < new Date(opensAt).getTime()) return "upcoming";
  return now < new Date(closesAt).getTime() ? "open" : "closed";
}

function Page({ after, last, onMore }: { after: string | null; last: boolean; onMore: (cursor: string) => void }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: IdeaBoxesQuery, variables: { first: pageSize, after } });
  if (fetching && !data) return <Loading />;
  if (error) return <Failure error={error} />;
  const page = data!.ideaBoxes;
  const boxes = (page.items ?? []).filter((b) => b !== null);
  if (after === null && boxes.length === 0) return <p>{t("ideas.boxes.none")}</p>;
  return (
    <>
      <ul className="cards">
        {boxes.map((box) => (
          <li key={box.id} className="card">
            <h2 className="card-title"><Link href={paths.box(box.id)}>{box.title}</Link></h2>
            <p><span className="badge">{t(`ideas.boxes.status.${boxStatus(box.opensAt, box.closesAt)}`)}</span></p>
            <p className="muted">
              {t("ideas.boxes.dates", { opens: date(box.opensAt), closes: date(box.closesAt) })} · {t("ideas.boxes.ideas", { count: box.ideas })}
            </p>
          </li>
        ))}
      </ul>
      {last && page.pageInfo.hasNextPage && page.pageInfo.endCursor && (
        <button type="button" onClick={() => onMore(page.pageInfo.endCursor!)}>{t("ideas.boxes.more")}</button>
      )}
    </>
  );
}

/** The tenant's idea boxes, newest first, by the API's cursor. */
export function IdeaBoxes() {
  const { t } = useTranslation();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const { viewer } = useViewer();
  return (
    <>
      <h1>{t("ideas.boxes.title")}</h1>
      <p>{t("ideas.boxes.intro")}</p>
      {isModerator(viewer) && <p><Link href={paths.moderation}>{t("ideas.moderation.link")}</Link></p>}
      {cursors.map((after, i) => (
        <Page key={after ?? "first"} after={after} last={i === cursors.length - 1} onMore={(c) => setCursors([...cursors, c])} />
      ))}
    </>
  );
}
