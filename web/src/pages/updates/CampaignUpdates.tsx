import "./updates.css";
import { useMemo, useState, type FormEvent } from "react";
import { useMutation, useQuery, type CombinedError } from "urql";
import { useTranslation } from "react-i18next";
import type { CampaignUpdateFieldsFragment } from "../../gql/graphql";
import { dateTime } from "../../format";
import { isModerator, useViewer, type Viewer } from "../../viewer";
import { CampaignUpdatesQuery, DeleteCampaignUpdateMutation, PostCampaignUpdateMutation } from "./documents";
import { fieldOfCode, postableStatuses, updateLimits, updateProblems, type UpdateDraft, type UpdateProblem } from "./rules";

// The campaign page's "Updates" section (issue 13): the owner's news to backers, newest first, a page at a time; for the
// owner, the form that posts one (the API tells every backer by a notification). Loaded with the campaign page, lazily.

const pageSize = 5;
const updateTypes = { additionalTypenames: ["CampaignUpdate"] };

function codeOf(error: CombinedError | undefined): string | null {
  if (!error) return null;
  const code = error.graphQLErrors[0]?.extensions?.code;
  return typeof code === "string" ? code : error.networkError ? "NETWORK" : null;
}

/** The API's refusal as a message of locales/updates, announced; an unknown code shows the API's own words. */
function UpdateError({ error }: { error: CombinedError | undefined }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const code = codeOf(error);
  const message = error.graphQLErrors[0]?.message ?? error.message;
  return (
    <p role="alert" className="error" data-code={code ?? undefined}>
      {code && i18n.exists(`updates.errors.${code}`) ? t(`updates.errors.${code}`) : t("updates.errors.other", { message })}
    </p>
  );
}

/** Its author, or a moderator (an abusive update), deletes it after a second click; it then leaves the list. */
function DeleteUpdate({ update }: { update: CampaignUpdateFieldsFragment }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [{ fetching, error }, remove] = useMutation(DeleteCampaignUpdateMutation);
  return (
    <div className="update-tools">
      {!confirming && <button type="button" onClick={() => setConfirming(true)}>{t("updates.delete", { title: update.title })}</button>}
      {confirming && (
        <span role="group" aria-label={t("updates.confirmDelete")}>
          {t("updates.confirmDelete")}{" "}
          <button type="button" disabled={fetching} onClick={() => void remove({ id: update.id }, updateTypes).then((r) => { if (r.data) setConfirming(false); })}>
            {t("updates.confirmYes")}
          </button>{" "}
          <button type="button" onClick={() => setConfirming(false)}>{t("updates.cancel")}</button>
        </span>
      )}
      <div aria-live="assertive"><UpdateError error={error} /></div>
    </div>
  );
}

function UpdateItem({ update, me }: { update: CampaignUpdateFieldsFragment; me: Viewer | null }) {
  const { t } = useTranslation();
  const heading = `update-${update.id}`;
  return (
    <li className="card campaign-update" aria-labelledby={heading}>
      <h3 id={heading}>{update.title}</h3>
      <p className="muted">
        {t("updates.postedBy", { name: update.authorName ?? t("updates.owner"), date: dateTime(update.postedAt) })}
        {update.editedAt && ` · ${t("updates.edited", { date: dateTime(update.editedAt) })}`}
      </p>
      <div className="story update-body" dangerouslySetInnerHTML={{ __html: update.bodyHtml }} />
      {me && (me.id === update.authorId || isModerator(me)) && <DeleteUpdate update={update} />}
    </li>
  );
}

/** One page of updates, after the cursor of the page above it (null: the newest). */
function UpdatesPage({ campaignId, after, last, me, onMore }: {
  campaignId: string; after: string | null; last: boolean; me: Viewer | null; onMore: (cursor: string) => void;
}) {
  const { t } = useTranslation();
  const context = useMemo(() => updateTypes, []);
  const [{ data, error, fetching }] = useQuery({ query: CampaignUpdatesQuery, variables: { id: campaignId, first: pageSize, after }, context });
  if (fetching && !data) return <p role="status">{t("loading")}</p>;
  if (error) return <UpdateError error={error} />;
  const page = data?.campaign?.updates;
  if (!page) return null;
  const items = (page.items ?? []).filter((u) => u !== null);
  return (
    <>
      {items.length === 0 && after === null && <p className="muted">{t("updates.none")}</p>}
      {items.length > 0 && <ul className="campaign-updates">{items.map((u) => <UpdateItem key={u.id} update={u} me={me} />)}</ul>}
      {last && page.pageInfo.hasNextPage && page.pageInfo.endCursor && (
        <button type="button" onClick={() => onMore(page.pageInfo.endCursor!)}>{t("updates.more")}</button>
      )}
    </>
  );
}

function PostUpdateForm({ campaignId, onPosted }: { campaignId: string; onPosted: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<UpdateDraft>({ title: "", body: "" });
  const [checked, setChecked] = useState(false);
  const [posted, setPosted] = useState<string | null>(null);
  const [{ fetching, error }, post] = useMutation(PostCampaignUpdateMutation);
  const problems = checked ? updateProblems(draft) : {};
  const apiField = fieldOfCode(codeOf(error));
  const hint = (field: keyof UpdateDraft, problem: UpdateProblem | undefined) =>
    problem ? t(`updates.problem.${field}.${problem}`, { max: updateLimits[field] }) : t("updates.left", { count: updateLimits[field] - draft[field].length });
  const send = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    setPosted(null);
    if (Object.keys(updateProblems(draft)).length > 0) return;
    const title = draft.title.trim();
    const result = await post({ input: { campaignId, title, body: draft.body.trim() } }, updateTypes);
    if (result.data) {
      setDraft({ title: "", body: "" });
      setChecked(false);
      setPosted(title);
      onPosted();
    }
  };
  return (
    <form onSubmit={send} noValidate aria-labelledby="post-update-title" className="update-form">
      <h3 id="post-update-title">{t("updates.form.title")}</h3>
      <p className="muted">{t("updates.form.hint")}</p>
      <div className="field">
        <label htmlFor="update-title">{t("updates.form.titleLabel")}</label>
        <input id="update-title" value={draft.title} maxLength={updateLimits.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })}
          aria-invalid={problems.title || apiField === "title" ? true : undefined} aria-describedby="update-title-hint" />
        <p id="update-title-hint" className={problems.title ? "error" : "muted"}>{hint("title", problems.title)}</p>
      </div>
      <div className="field wide">
        <label htmlFor="update-body">{t("updates.form.bodyLabel")}</label>
        <textarea id="update-body" rows={6} value={draft.body} maxLength={updateLimits.body} onChange={(e) => setDraft({ ...draft, body: e.target.value })}
          aria-invalid={problems.body || apiField === "body" ? true : undefined} aria-describedby="update-body-hint" />
        <p id="update-body-hint" className={problems.body ? "error" : "muted"}>{hint("body", problems.body)}</p>
      </div>
      <button type="submit" className="primary" disabled={fetching}>{fetching ? t("updates.form.sending") : t("updates.form.send")}</button>
      <div aria-live="polite">
        {posted && <p role="status" className="outcome">{t("updates.form.posted", { title: posted })}</p>}
        <UpdateError error={error} />
      </div>
    </form>
  );
}

/** The campaign's updates section; `isOwner` shows the form (when the campaign is public) or says when it will be. */
export default function CampaignUpdates({ campaignId, status, isOwner }: { campaignId: string; status: string; isOwner: boolean }) {
  const { t } = useTranslation();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const { viewer } = useViewer();
  return (
    <section aria-labelledby="updates-title" className="campaign-updates-section">
      <h2 id="updates-title">{t("updates.title")}</h2>
      {isOwner && (postableStatuses.has(status)
        ? <PostUpdateForm campaignId={campaignId} onPosted={() => setCursors([null])} />
        : <p className="muted">{t("updates.form.notYet")}</p>)}
      {cursors.map((after, i) => (
        <UpdatesPage key={after ?? "first"} campaignId={campaignId} after={after} last={i === cursors.length - 1} me={viewer}
          onMore={(cursor) => setCursors([...cursors, cursor])} />
      ))}
    </section>
  );
}
