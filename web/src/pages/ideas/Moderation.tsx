import { useMemo, useState } from "react";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { date } from "../../format";
import { Link } from "../../router";
import type { IdeaState, ModerationQueueQuery as QueueData } from "../../gql/graphql";
import { IdeaBoxesQuery, IdeasQuery, ModerationQueueQuery } from "./documents";
import { AnswerForm } from "./AnswerForm";
import { ApiError } from "./errors";
import { ModerateForm } from "./ModerateForm";
import { ModerationHistory, OverdueIdeas } from "./ModerationExtras";
import { Live, StateBadge, paths } from "./shared";
import { isModerator, useViewer } from "../../viewer";

type Item = NonNullable<NonNullable<QueueData["moderationQueue"]["items"]>[number]>;

const pageSize = 20;
const queueTypes = { additionalTypenames: ["Moderation", "Comment", "Idea"] };

function QueueItem({ item }: { item: Item }) {
  const { t } = useTranslation();
  const kind = item.itemKind === "idea" ? "IDEA" : "COMMENT";
  return (
    <li className="card queue-item" aria-labelledby={`q-${item.itemId}`}>
      <h3 id={`q-${item.itemId}`}>
        {t(`ideas.moderation.kind.${kind}`)} :{" "}
        {item.ideaId ? <Link href={paths.idea(item.ideaId)}>{item.title || t("ideas.moderation.openIdea")}</Link> : item.itemId}
      </h3>
      {item.excerpt != null ? <blockquote className="excerpt">{item.excerpt}</blockquote> : <p className="muted">{t("ideas.comments.deleted")}</p>}
      <p>
        <span className="badge">{t("ideas.moderation.reports", { count: item.reportCount })}</span>{" "}
        {item.hidden && <span className="badge hidden-badge">{t("ideas.idea.hiddenBadge")}</span>}
      </p>
      <p className="muted">
        {t("ideas.moderation.author", { id: item.authorId })} · {t("ideas.moderation.lastReported", { date: date(item.lastReportedAt) })}
        {item.hiddenReason && <> · {t("ideas.idea.hiddenBecause", { reason: item.hiddenReason })}</>}
      </p>
      <ul className="reports">
        {item.reports.map((r) => (
          <li key={`${r.reporterId}:${r.reportedAt}`}>
            {t(`ideas.report.reason.${r.reason.toUpperCase()}`, { defaultValue: r.reason })}
            {r.text && <> : « {r.text} »</>} <span className="muted">({date(r.reportedAt)})</span>
          </li>
        ))}
      </ul>
      <ModerateForm kind={kind} id={item.itemId} hidden={item.hidden} />
      <ModerationHistory kind={kind} id={item.itemId} />
    </li>
  );
}

function QueuePage({ after, last, onMore }: { after: string | null; last: boolean; onMore: (cursor: string) => void }) {
  const { t } = useTranslation();
  const context = useMemo(() => queueTypes, []);
  const [{ data, error, fetching }] = useQuery({ query: ModerationQueueQuery, variables: { first: pageSize, after }, context });
  if (fetching && !data) return <p role="status">{t("loading")}</p>;
  if (error) return <ApiError error={error} />;
  const page = data!.moderationQueue;
  const items = (page.items ?? []).filter((i): i is Item => i !== null);
  if (after === null && items.length === 0) return <p>{t("ideas.moderation.empty")}</p>;
  return (
    <>
      <ul className="cards queue">{items.map((item) => <QueueItem key={`${item.itemKind}:${item.itemId}`} item={item} />)}</ul>
      {last && page.pageInfo.hasNextPage && page.pageInfo.endCursor && (
        <button type="button" onClick={() => onMore(page.pageInfo.endCursor!)}>{t("ideas.moderation.more")}</button>
      )}
    </>
  );
}

/** Ideas of one box waiting for an answer (submitted or under review), each with the answer form. */
function ToAnswer() {
  const { t } = useTranslation();
  const [{ data: boxes }] = useQuery({ query: IdeaBoxesQuery, variables: { first: 50, after: null } });
  const [boxId, setBoxId] = useState("");
  const [state, setState] = useState<IdeaState>("UNDER_REVIEW");
  const [answered, setAnswered] = useState<string | null>(null);
  const context = useMemo(() => ({ additionalTypenames: ["Idea"] }), []);
  const [{ data, error }] = useQuery({
    query: IdeasQuery, variables: { boxId, state, order: "NEWEST", first: pageSize, after: null }, pause: !boxId, context,
  });
  const ideas = (data?.ideas.items ?? []).filter((i) => i !== null);
  return (
    <section aria-labelledby="to-answer">
      <h2 id="to-answer">{t("ideas.moderation.toAnswer")}</h2>
      <div className="idea-filters">
        <div className="field">
          <label htmlFor="answer-box">{t("ideas.moderation.box")}</label>
          <select id="answer-box" value={boxId} onChange={(e) => setBoxId(e.target.value)}>
            <option value="">{t("ideas.submit.choose")}</option>
            {(boxes?.ideaBoxes.items ?? []).map((b) => b && <option key={b.id} value={b.id}>{b.title}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="answer-state">{t("ideas.box.state")}</label>
          <select id="answer-state" value={state} onChange={(e) => setState(e.target.value as IdeaState)}>
            <option value="UNDER_REVIEW">{t("ideas.state.UNDER_REVIEW")}</option>
            <option value="SUBMITTED">{t("ideas.state.SUBMITTED")}</option>
          </select>
        </div>
      </div>
      <ApiError error={error} />
      <Live>{answered && <p className="answered">{answered}</p>}</Live>
      {boxId && data && ideas.length === 0 && <p>{t("ideas.moderation.nothingToAnswer")}</p>}
      <ul className="cards">
        {ideas.map((idea) => (
          <li key={idea.id} className="card">
            <h3><Link href={paths.idea(idea.id)}>{idea.title}</Link></h3>
            <p><StateBadge state={idea.state} /> <span className="muted">{t("ideas.idea.supports", { count: idea.supportCount })}</span></p>
            <AnswerForm ideaId={idea.id} onAnswered={(now) =>
              setAnswered(t("ideas.moderation.answered", { title: idea.title, state: t(`ideas.state.${now}`) }))} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Moderators and admins: reported ideas and comments, and ideas to answer. */
export function Moderation() {
  const { t } = useTranslation();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const { viewer, known } = useViewer();
  if (!known) return <p role="status">{t("loading")}</p>;
  if (!isModerator(viewer)) {
    return (
      <>
        <h1>{t("ideas.moderation.title")}</h1>
        <p>{t("ideas.moderation.staffOnly")}</p>
      </>
    );
  }
  return (
    <>
      <p><Link href={paths.boxes}>{t("ideas.boxes.back")}</Link></p>
      <h1>{t("ideas.moderation.title")}</h1>
      <section aria-labelledby="queue-title">
        <h2 id="queue-title">{t("ideas.moderation.queue")}</h2>
        {cursors.map((after, i) => (
          <QueuePage key={after ?? "first"} after={after} last={i === cursors.length - 1} onMore={(c) => setCursors([...cursors, c])} />
        ))}
      </section>
      <OverdueIdeas />
      <ToAnswer />
    </>
  );
}
