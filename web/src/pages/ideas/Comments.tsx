import { useMemo, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import type { CommentFieldsFragment, CommentOrder, CommentStance } from "../../gql/graphql";
import {
  CampaignCommentsQuery, CommentCampaignMutation, CommentIdeaMutation, CommentRepliesQuery, CommentVoteOptionMutation, DeleteCommentMutation,
  EditCommentMutation, IdeaCommentsQuery, VoteCommentMutation, VoteOptionCommentsQuery,
} from "./documents";
import { ApiError } from "./errors";
import { commentProblem, limits } from "./rules";
import { ReportForm } from "./ReportForm";
import { Live, SignInLink, signedIn } from "./shared";
import { isModerator, type Viewer } from "../../viewer";

const pageSize = 10;
const stances: CommentStance[] = ["FOR", "NEUTRAL", "AGAINST"];
const commentTypes = { additionalTypenames: ["Comment"] };

/** What a thread is on: an idea, a published campaign, or one project (option) of an open or closed vote. */
export type CommentTarget =
  | { kind: "idea"; id: string }
  | { kind: "campaign"; id: string }
  | { kind: "voteOption"; voteId: string; optionId: string };

/** A key of the target safe in element ids. */
const targetKey = (target: CommentTarget) =>
  (target.kind === "voteOption" ? `${target.voteId}-${target.optionId}` : target.id).replace(/[^A-Za-z0-9_-]/g, "_");

type Thread = CommentFieldsFragment & {
  replies?: { items?: (Thread | null)[] | null; pageInfo?: { hasNextPage: boolean; endCursor?: string | null } };
};

/** Writes a comment on the target, or a reply to one (parentId); a reply takes the stance too. */
function CommentForm({ target, parentId, onDone, label }: { target: CommentTarget; parentId?: string; onDone?: () => void; label: string }) {
  const { t } = useTranslation();
  const [body, setBody] = useState("");
  const [stance, setStance] = useState<CommentStance>("NEUTRAL");
  const [checked, setChecked] = useState(false);
  const [onIdea, postOnIdea] = useMutation(CommentIdeaMutation);
  const [onCampaign, postOnCampaign] = useMutation(CommentCampaignMutation);
  const [onOption, postOnOption] = useMutation(CommentVoteOptionMutation);
  const { fetching, error } = target.kind === "idea" ? onIdea : target.kind === "campaign" ? onCampaign : onOption;
  const problem = checked ? commentProblem(body) : null;
  const prefix = `comment-${parentId ?? targetKey(target)}`;
  const send = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (commentProblem(body)) return;
    const input = { body: body.trim(), stance, parentId: parentId ?? null };
    const result = target.kind === "idea"
      ? await postOnIdea({ ideaId: target.id, input }, commentTypes)
      : target.kind === "campaign"
        ? await postOnCampaign({ campaignId: target.id, input }, commentTypes)
        : await postOnOption({ voteId: target.voteId, optionId: target.optionId, input }, commentTypes);
    if (result.data) {
      setBody("");
      setChecked(false);
      onDone?.();
    }
  };
  return (
    <form onSubmit={send} noValidate className="inline-form comment-form">
      <div className="field wide">
        <label htmlFor={`${prefix}-body`}>{label}</label>
        <textarea id={`${prefix}-body`} rows={3} maxLength={limits.comment} value={body} onChange={(e) => setBody(e.target.value)}
          aria-invalid={problem ? true : undefined} aria-describedby={`${prefix}-hint`} />
        <p id={`${prefix}-hint`} className={problem ? "error" : "muted"}>
          {problem ? t(`ideas.comments.problem.${problem}`) : t("ideas.comments.left", { count: limits.comment - body.length })}
        </p>
      </div>
      <fieldset className="stances">
        <legend>{t("ideas.comments.stance")}</legend>
        {stances.map((s) => (
          <label key={s} className="choice">
            <input type="radio" name={`${prefix}-stance`} value={s} checked={stance === s} onChange={() => setStance(s)} />
            <span>{t(`ideas.stance.${s}`)}</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="primary" disabled={fetching}>{parentId ? t("ideas.comments.sendReply") : t("ideas.comments.send")}</button>
      {onDone && parentId && <> <button type="button" onClick={onDone}>{t("ideas.cancel")}</button></>}
      <Live assertive><ApiError error={error} /></Live>
    </form>
  );
}

function EditForm({ comment, onDone }: { comment: CommentFieldsFragment; onDone: () => void }) {
  const { t } = useTranslation();
  const [body, setBody] = useState(comment.body ?? "");
  const [checked, setChecked] = useState(false);
  const [{ fetching, error }, edit] = useMutation(EditCommentMutation);
  const problem = checked ? commentProblem(body) : null;
  const send = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (commentProblem(body)) return;
    const result = await edit({ id: comment.id, body: body.trim() }, commentTypes);
    if (result.data) onDone();
  };
  return (
    <form onSubmit={send} noValidate className="inline-form">
      <div className="field wide">
        <label htmlFor={`edit-${comment.id}`}>{t("ideas.comments.editLabel")}</label>
        <textarea id={`edit-${comment.id}`} rows={3} maxLength={limits.comment} value={body} onChange={(e) => setBody(e.target.value)}
          aria-invalid={problem ? true : undefined} />
      </div>
      <button type="submit" disabled={fetching}>{t("ideas.comments.save")}</button>{" "}
      <button type="button" onClick={onDone}>{t("ideas.cancel")}</button>
      <Live assertive>
        {problem && <p className="error">{t(`ideas.comments.problem.${problem}`)}</p>}
        <ApiError error={error} />
      </Live>
    </form>
  );
}

const moment = (value: string, lang: string) =>
  new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" }).format(new Date(value));

/** One more page of a comment's replies, read through comment(id) { replies }, after the replies already shown. */
function RepliesPage({ parentId, order, after, last, target, me, onMore }: {
  parentId: string; order: CommentOrder; after: string; last: boolean; target: CommentTarget; me: Viewer | null; onMore: (cursor: string) => void;
}) {
  const { t } = useTranslation();
  const context = useMemo(() => commentTypes, []);
  const [{ data, error, fetching }] = useQuery({ query: CommentRepliesQuery, variables: { id: parentId, order, first: pageSize, after }, context });
  if (fetching && !data) return <p role="status">{t("loading")}</p>;
  if (error) return <ApiError error={error} />;
  const page = data?.comment?.replies;
  if (!page) return null;
  const items: Thread[] = (page.items ?? []).filter((c) => c !== null);
  return (
    <>
      {items.length > 0 && (
        <ul className="comments replies" aria-label={t("ideas.comments.repliesTo")}>
          {items.map((r) => <CommentItem key={r.id} comment={r} target={target} me={me} order={order} />)}
        </ul>
      )}
      {last && page.pageInfo.hasNextPage && page.pageInfo.endCursor && (
        <button type="button" onClick={() => onMore(page.pageInfo.endCursor!)}>{t("ideas.comments.loadReplies")}</button>
      )}
    </>
  );
}

function CommentItem({ comment, target, me, order }: { comment: Thread; target: CommentTarget; me: Viewer | null; order: CommentOrder }) {
  const { t, i18n } = useTranslation();
  const [mode, setMode] = useState<"read" | "reply" | "edit">("read");
  const [{ fetching: voting, error: voteError }, castVote] = useMutation(VoteCommentMutation);
  const [{ fetching: deleting, error: deleteError }, remove] = useMutation(DeleteCommentMutation);
  const [confirming, setConfirming] = useState(false);
  const [morePages, setMorePages] = useState<string[]>([]);
  const mine = me !== null && comment.authorId === me.id;
  const replies = (comment.replies?.items ?? []).filter((r): r is Thread => r !== null);
  const hiddenReplies = comment.replyCount - replies.length;
  const live = !comment.deleted;
  return (
    <li className={`comment depth-${comment.depth}`} aria-labelledby={`c-${comment.id}-meta`}>
      <p id={`c-${comment.id}-meta`} className="comment-meta">
        <span className={`stance ${comment.stance.toLowerCase()}`}>{t(`ideas.stance.${comment.stance}`)}</span>
        {" · "}{mine ? t("ideas.comments.you") : t("ideas.comments.member", { id: comment.authorId ?? "—" })}
        {" · "}<time dateTime={comment.createdAt}>{moment(comment.createdAt, i18n.language)}</time>
        {comment.editedAt && <> · {t("ideas.comments.edited")}</>}
      </p>
      {comment.deleted ? (
        <p className="muted comment-deleted">{t("ideas.comments.deleted")}</p>
      ) : comment.hidden && comment.body == null ? (
        <p className="muted">{t("ideas.comments.hidden")}</p>
      ) : mode === "edit" ? (
        <EditForm comment={comment} onDone={() => setMode("read")} />
      ) : (
        <>
          {comment.hidden && <p className="notice">{t("ideas.comments.hiddenForOthers", { reason: comment.hiddenReason ?? "" })}</p>}
          <div className="comment-body" dangerouslySetInnerHTML={{ __html: comment.bodyHtml ?? "" }} />
        </>
      )}
      {live && mode === "read" && (
        <div className="comment-actions">
          <button type="button" disabled={!me || mine || voting} onClick={() => void castVote({ id: comment.id, vote: "UP" }, commentTypes)}
          ><span aria-hidden="true">▲ </span>{t("ideas.comments.up", { count: comment.ups })}</button>
          <button type="button" disabled={!me || mine || voting} onClick={() => void castVote({ id: comment.id, vote: "DOWN" }, commentTypes)}
          ><span aria-hidden="true">▼ </span>{t("ideas.comments.down", { count: comment.downs })}</button>
          {me && comment.depth < 3 && <button type="button" onClick={() => setMode("reply")}>{t("ideas.comments.reply")}</button>}
          {mine && <button type="button" onClick={() => setMode("edit")}>{t("ideas.comments.edit")}</button>}
          {(mine || isModerator(me)) && !confirming && <button type="button" onClick={() => setConfirming(true)}>{t("ideas.comments.delete")}</button>}
          {confirming && (
            <span role="group" aria-label={t("ideas.comments.confirmDelete")}>
              {t("ideas.comments.confirmDelete")}{" "}
              <button type="button" disabled={deleting} onClick={() => void remove({ id: comment.id }, commentTypes).then(() => setConfirming(false))}>
                {t("ideas.comments.confirmYes")}
              </button>{" "}
              <button type="button" onClick={() => setConfirming(false)}>{t("ideas.cancel")}</button>
            </span>
          )}
          {me && !mine && <ReportForm kind="COMMENT" id={comment.id} label={t("ideas.report.comment")} />}
        </div>
      )}
      <Live assertive>
        <ApiError error={voteError} />
        <ApiError error={deleteError} />
      </Live>
      {mode === "reply" && <CommentForm target={target} parentId={comment.id} label={t("ideas.comments.replyLabel")} onDone={() => setMode("read")} />}
      {replies.length > 0 && (
        <ul className="comments replies" aria-label={t("ideas.comments.repliesTo")}>
          {replies.map((r) => <CommentItem key={r.id} comment={r} target={target} me={me} order={order} />)}
        </ul>
      )}
      {morePages.map((after, i) => (
        <RepliesPage key={after} parentId={comment.id} order={order} after={after} last={i === morePages.length - 1} target={target} me={me}
          onMore={(c) => setMorePages([...morePages, c])} />
      ))}
      {morePages.length === 0 && hiddenReplies > 0 && replies.length > 0 && (
        <p className="muted">
          {t("ideas.comments.moreReplies", { count: hiddenReplies })}{" "}
          {comment.replies?.pageInfo?.hasNextPage && comment.replies.pageInfo.endCursor && (
            <button type="button" onClick={() => setMorePages([comment.replies!.pageInfo!.endCursor!])}>{t("ideas.comments.loadReplies")}</button>
          )}
        </p>
      )}
    </li>
  );
}

function CommentsPage({ target, order, after, last, me, onMore }: {
  target: CommentTarget; order: CommentOrder; after: string | null; last: boolean; me: Viewer | null; onMore: (cursor: string) => void;
}) {
  const { t } = useTranslation();
  const context = useMemo(() => commentTypes, []);
  const paging = { order, first: pageSize, after };
  const [idea] = useQuery({ query: IdeaCommentsQuery, variables: { id: target.kind === "idea" ? target.id : "", ...paging }, context, pause: target.kind !== "idea" });
  const [campaign] = useQuery({ query: CampaignCommentsQuery, variables: { id: target.kind === "campaign" ? target.id : "", ...paging }, context, pause: target.kind !== "campaign" });
  const [option] = useQuery({
    query: VoteOptionCommentsQuery,
    variables: { voteId: target.kind === "voteOption" ? target.voteId : "", optionId: target.kind === "voteOption" ? target.optionId : "", ...paging },
    context, pause: target.kind !== "voteOption",
  });
  const { fetching, error } = target.kind === "idea" ? idea : target.kind === "campaign" ? campaign : option;
  const page = target.kind === "idea" ? idea.data?.idea?.comments : target.kind === "campaign" ? campaign.data?.campaign?.comments : option.data?.voteOption?.comments;
  if (fetching && !page) return <p role="status">{t("loading")}</p>;
  if (error) return <ApiError error={error} />;
  if (!page) return null;
  const items: Thread[] = (page.items ?? []).filter((c) => c !== null);
  if (after === null && items.length === 0) return <p>{t("ideas.comments.none")}</p>;
  return (
    <>
      <ul className="comments">{items.map((c) => <CommentItem key={c.id} comment={c} target={target} me={me} order={order} />)}</ul>
      {last && page.pageInfo.hasNextPage && page.pageInfo.endCursor && (
        <button type="button" onClick={() => onMore(page.pageInfo.endCursor!)}>{t("ideas.comments.more")}</button>
      )}
    </>
  );
}

/**
 * The comment thread of an idea, a campaign or a vote's project: up to 3 levels, a stance each, up and down votes,
 * 10 comments a page. Without a count (campaigns and projects have none), the title names the thread only.
 */
export function Comments({ target, count, me }: { target: CommentTarget; count?: number; me: Viewer | null }) {
  const { t } = useTranslation();
  const [order, setOrder] = useState<CommentOrder>("NEWEST");
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return (
    <section aria-labelledby="comments-title">
      <h2 id="comments-title">{count === undefined ? t("ideas.comments.discussion") : t("ideas.comments.title", { count })}</h2>
      {signedIn() ? <CommentForm target={target} label={t("ideas.comments.label")} /> : <SignInLink label={t("ideas.comments.signIn")} />}
      <div className="field">
        <label htmlFor="comment-order">{t("ideas.comments.order")}</label>
        <select id="comment-order" value={order} onChange={(e) => { setOrder(e.target.value as CommentOrder); setCursors([null]); }}>
          <option value="NEWEST">{t("ideas.comments.newest")}</option>
          <option value="BEST">{t("ideas.comments.best")}</option>
        </select>
      </div>
      {cursors.map((after, i) => (
        <CommentsPage key={`${order}:${after ?? "first"}`} target={target} order={order} after={after} me={me}
          last={i === cursors.length - 1} onMore={(c) => setCursors([...cursors, c])} />
      ))}
    </section>
  );
}
