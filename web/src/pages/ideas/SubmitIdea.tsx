import { useMemo, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { Link, navigate } from "../../router";
import { Failure, Loading } from "../common";
import { IdeaBoxQuery, SimilarIdeasQuery, SubmitIdeaMutation } from "./documents";
import { ApiError } from "./errors";
import { draftProblems, similarText, type Draft } from "./rules";
import { Live, SignInLink, StateBadge, paths, signedIn, useSettled } from "./shared";

/** How long the title must rest before similar ideas are asked for: at most two lookups a second while typing. */
export const hintDelay = 500;

function SimilarHints({ boxId, title }: { boxId: string; title: string }) {
  const { t } = useTranslation();
  const text = similarText(useSettled(title, hintDelay));
  const [{ data, fetching }] = useQuery({ query: SimilarIdeasQuery, variables: { boxId, text: text ?? "" }, pause: text === null });
  const similar = text === null ? [] : (data?.similarIdeas ?? []);
  return (
    <div className="similar" id="similar-hints">
      <Live>
        {text !== null && !fetching && data && (
          similar.length > 0
            ? <p className="similar-count">{t("ideas.submit.similar", { count: similar.length })}</p>
            : <p className="muted">{t("ideas.submit.noSimilar")}</p>
        )}
      </Live>
      {similar.length > 0 && (
        <ul aria-label={t("ideas.submit.similarList")}>
          {similar.map((idea) => (
            <li key={idea.id}>
              <Link href={paths.idea(idea.id)} target="_blank" rel="noopener">{idea.title}</Link>{" "}
              <span className="sr-only">{t("ideas.submit.newTab")}</span>
              <span className="muted">· {t("ideas.idea.supports", { count: idea.supportCount })} · </span><StateBadge state={idea.state} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The form a member proposes an idea with; similar ideas of the box are shown while the title is typed. */
export function SubmitIdea({ boxId }: { boxId: string }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: IdeaBoxQuery, variables: { id: boxId } });
  const [draft, setDraft] = useState<Draft>({ title: "", body: "", category: "", district: "" });
  const [checked, setChecked] = useState(false);
  const [submission, submit] = useMutation(SubmitIdeaMutation);
  const box = data?.ideaBox;
  const rules = useMemo(() => ({ categories: box?.categories ?? [], districts: box?.districts ?? [] }), [box]);
  const problems = draftProblems(draft, rules);
  const shown = checked ? problems : {};

  if (fetching && !data) return <Loading />;
  if (error) return <Failure error={error} />;
  if (!box) return <p>{t("notFound")}</p>;
  if (!signedIn()) return <><h1>{t("ideas.submit.title")}</h1><SignInLink label={t("ideas.box.signInToPropose")} /></>;

  const send = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(problems).length > 0) {
      document.getElementById(`idea-${Object.keys(problems)[0]}`)?.focus();
      return;
    }
    const result = await submit({
      boxId,
      input: { title: draft.title.trim(), body: draft.body.trim(), category: draft.category || null, district: draft.district || null },
    });
    if (result.data) navigate(paths.idea(result.data.submitIdea.id));
  };
  const field = (name: keyof Draft) => ({
    id: `idea-${name}`,
    value: draft[name],
    "aria-invalid": shown[name] ? true : undefined,
    "aria-describedby": `idea-${name}-hint`,
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value }),
  });
  const hint = (name: keyof Draft, text: string) => (
    <p id={`idea-${name}-hint`} className={shown[name] ? "error" : "muted"}>
      {shown[name] ? t(`ideas.submit.problem.${shown[name]}`) : text}
    </p>
  );

  return (
    <>
      <p><Link href={paths.box(box.id)}>{t("ideas.submit.back", { title: box.title })}</Link></p>
      <h1 id="submit-heading">{t("ideas.submit.title")}</h1>
      {!box.isOpen && <p role="status">{t("ideas.errors.BOX_NOT_OPEN")}</p>}
      <form onSubmit={send} noValidate aria-labelledby="submit-heading" className="idea-form">
        <div className="field wide">
          <label htmlFor="idea-title">{t("ideas.submit.ideaTitle")}</label>
          <input {...field("title")} maxLength={150} autoComplete="off" aria-describedby="idea-title-hint similar-hints" />
          {hint("title", t("ideas.submit.titleHint", { count: 150 - draft.title.length }))}
        </div>
        <SimilarHints boxId={box.id} title={draft.title} />
        <div className="field wide">
          <label htmlFor="idea-body">{t("ideas.submit.body")}</label>
          <textarea {...field("body")} rows={8} maxLength={5000} />
          {hint("body", t("ideas.submit.bodyHint", { count: 5000 - draft.body.length }))}
        </div>
        {box.categories.length > 0 && (
          <div className="field">
            <label htmlFor="idea-category">{t("ideas.box.category")}</label>
            <select {...field("category")}>
              <option value="">{t("ideas.submit.choose")}</option>
              {box.categories.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
            {hint("category", t("ideas.submit.categoryHint"))}
          </div>
        )}
        {box.districts.length > 0 && (
          <div className="field">
            <label htmlFor="idea-district">{t("ideas.box.district")}</label>
            <select {...field("district")}>
              <option value="">{t("ideas.submit.choose")}</option>
              {box.districts.map((d) => <option key={d} value={d}>{d}</option>)}
            </select>
            {hint("district", t("ideas.submit.districtHint"))}
          </div>
        )}
        <button type="submit" className="primary" disabled={submission.fetching}>
          {submission.fetching ? t("ideas.submit.sending") : t("ideas.submit.send")}
        </button>
        <Live assertive>
          {checked && Object.keys(problems).length > 0 && <p className="error">{t("ideas.submit.fix", { count: Object.keys(problems).length })}</p>}
          <ApiError error={submission.error} />
        </Live>
      </form>
    </>
  );
}
