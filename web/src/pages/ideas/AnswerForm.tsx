import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import type { IdeaState } from "../../gql/graphql";
import { AnswerIdeaMutation } from "./documents";
import { ApiError } from "./errors";
import { Live } from "./shared";

const answerStates: IdeaState[] = ["UNDER_REVIEW", "ACCEPTED", "REJECTED"];

/** Moderators and admins: a public answer and the state it sets. */
export function AnswerForm({ ideaId, onAnswered }: { ideaId: string; onAnswered?: (state: IdeaState) => void }) {
  const { t } = useTranslation();
  const [state, setState] = useState<IdeaState>("ACCEPTED");
  const [text, setText] = useState("");
  const [missing, setMissing] = useState(false);
  const [answered, setAnswered] = useState<IdeaState | null>(null);
  const [{ fetching, error }, answer] = useMutation(AnswerIdeaMutation);
  const prefix = `answer-${ideaId}`;
  const send = async (event: FormEvent) => {
    event.preventDefault();
    setMissing(!text.trim());
    if (!text.trim()) return;
    const result = await answer({ id: ideaId, state, text: text.trim() });
    if (result.data) {
      setAnswered(result.data.answerIdea.state);
      setText("");
      onAnswered?.(result.data.answerIdea.state);
    }
  };
  return (
    <form onSubmit={send} noValidate className="inline-form answer-form">
      <fieldset>
        <legend>{t("ideas.answer.title")}</legend>
        <div className="field">
          <label htmlFor={`${prefix}-state`}>{t("ideas.answer.state")}</label>
          <select id={`${prefix}-state`} value={state} onChange={(e) => setState(e.target.value as IdeaState)}>
            {answerStates.map((s) => <option key={s} value={s}>{t(`ideas.state.${s}`)}</option>)}
          </select>
        </div>
        <div className="field wide">
          <label htmlFor={`${prefix}-text`}>{t("ideas.answer.text")}</label>
          <textarea id={`${prefix}-text`} rows={3} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={missing || undefined} />
        </div>
        <button type="submit" disabled={fetching}>{t("ideas.answer.send")}</button>
      </fieldset>
      <Live assertive>
        {missing && <p className="error">{t("ideas.answer.needText")}</p>}
        <ApiError error={error} />
      </Live>
      <Live>{answered && <p className="muted">{t("ideas.answer.done", { state: t(`ideas.state.${answered}`) })}</p>}</Live>
    </form>
  );
}
