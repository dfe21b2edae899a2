import { useMemo, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { EditIdeaMutation, IdeaAuthorQuery, WithdrawIdeaMutation } from "./documents";
import { ApiError } from "./errors";
import { limits } from "./rules";
import { Live } from "./shared";

const ideaTypes = { additionalTypenames: ["Idea"] };
const clock = (value: string, lang: string) => new Intl.DateTimeFormat(lang, { timeStyle: "short" }).format(new Date(value));

/** The author's edit (while the API says mayEdit, until editableUntil) and withdrawal (while mayWithdraw) of their idea. */
export function AuthorTools({ ideaId, onChanged }: { ideaId: string; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const context = useMemo(() => ideaTypes, []);
  const [{ data }, refetch] = useQuery({ query: IdeaAuthorQuery, variables: { id: ideaId }, context, requestPolicy: "network-only" });
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [edit, doEdit] = useMutation(EditIdeaMutation);
  const [withdrawal, doWithdraw] = useMutation(WithdrawIdeaMutation);
  const idea = data?.idea;
  if (!idea || (!idea.mayEdit && !idea.mayWithdraw)) return null;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const location = idea.location ? { latitude: idea.location.latitude, longitude: idea.location.longitude } : null;
    const result = await doEdit({ id: ideaId, input: { title: title.trim(), body: body.trim(), category: idea.category, district: idea.district, location } }, context);
    if (result.data) {
      setEditing(false);
      refetch({ requestPolicy: "network-only" });
      onChanged();
    }
  };
  const withdraw = async () => {
    const result = await doWithdraw({ id: ideaId }, context);
    if (result.data) onChanged();
  };
  return (
    <section aria-labelledby="author-tools" className="author-tools">
      <h2 id="author-tools">{t("ideas.author.title")}</h2>
      {idea.mayEdit && idea.editableUntil && <p className="muted">{t("ideas.author.editableUntil", { time: clock(idea.editableUntil, i18n.language) })}</p>}
      {editing ? (
        <form onSubmit={save} className="inline-form">
          <div className="field wide">
            <label htmlFor="edit-idea-title">{t("ideas.author.ideaTitle")}</label>
            <input id="edit-idea-title" required maxLength={limits.title} value={title} onChange={(e) => setTitle(e.target.value)} />
          </div>
          <div className="field wide">
            <label htmlFor="edit-idea-body">{t("ideas.author.ideaBody")}</label>
            <textarea id="edit-idea-body" required rows={6} maxLength={limits.body} value={body} onChange={(e) => setBody(e.target.value)} />
          </div>
          <button type="submit" className="primary" disabled={edit.fetching}>{t("ideas.comments.save")}</button>{" "}
          <button type="button" onClick={() => setEditing(false)}>{t("ideas.cancel")}</button>
        </form>
      ) : (
        <p>
          {idea.mayEdit && (
            <button type="button" onClick={() => { setTitle(idea.title); setBody(idea.body); setEditing(true); }}>{t("ideas.author.edit")}</button>
          )}{" "}
          {idea.mayWithdraw && !confirming && <button type="button" onClick={() => setConfirming(true)}>{t("ideas.author.withdraw")}</button>}
          {confirming && (
            <span role="group" aria-label={t("ideas.author.confirmWithdraw")}>
              {t("ideas.author.confirmWithdraw")}{" "}
              <button type="button" disabled={withdrawal.fetching} onClick={() => void withdraw()}>{t("ideas.comments.confirmYes")}</button>{" "}
              <button type="button" onClick={() => setConfirming(false)}>{t("ideas.cancel")}</button>
            </span>
          )}
        </p>
      )}
      <Live assertive><ApiError error={edit.error ?? withdrawal.error} /></Live>
    </section>
  );
}
