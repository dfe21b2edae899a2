import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import type { ReportReason, ReportedKind } from "../../gql/graphql";
import { ReportContentMutation } from "./documents";
import { ApiError } from "./errors";
import { limits } from "./rules";
import { Live } from "./shared";

const reasons: ReportReason[] = ["SPAM", "OFFENSIVE", "OFF_TOPIC", "OTHER"];

/** Reports an idea or a comment once, with a reason (OTHER needs a text); closes itself with a thank-you. */
export function ReportForm({ kind, id, label }: { kind: ReportedKind; id: string; label: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<ReportReason>("SPAM");
  const [text, setText] = useState("");
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState(false);
  const [{ fetching, error }, report] = useMutation(ReportContentMutation);
  const prefix = `report-${id}`;

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const bad = reason === "OTHER" && !text.trim();
    setMissing(bad);
    if (bad) return;
    const result = await report({ kind, id, reason, text: text.trim() || null });
    if (result.data) {
      setDone(true);
      setOpen(false);
    }
  };

  return (
    <div className="report">
      {!open && !done && (
        <button type="button" className="link-like" aria-expanded={false} onClick={() => setOpen(true)}>{label}</button>
      )}
      {open && (
        <form onSubmit={send} noValidate className="inline-form">
          <fieldset>
            <legend>{label}</legend>
            {reasons.map((r) => (
              <label key={r} className="choice">
                <input type="radio" name={`${prefix}-reason`} value={r} checked={reason === r} onChange={() => setReason(r)} />
                <span>{t(`ideas.report.reason.${r}`)}</span>
              </label>
            ))}
            <div className="field wide">
              <label htmlFor={`${prefix}-text`}>{reason === "OTHER" ? t("ideas.report.textRequired") : t("ideas.report.text")}</label>
              <textarea id={`${prefix}-text`} rows={2} maxLength={limits.report} value={text} onChange={(e) => setText(e.target.value)}
                aria-invalid={missing || undefined} aria-describedby={missing ? `${prefix}-problem` : undefined} />
            </div>
            <button type="submit" disabled={fetching}>{t("ideas.report.send")}</button>{" "}
            <button type="button" onClick={() => setOpen(false)}>{t("ideas.cancel")}</button>
          </fieldset>
        </form>
      )}
      <Live assertive>
        {missing && <p id={`${prefix}-problem`} className="error">{t("ideas.report.needText")}</p>}
        <ApiError error={error} />
      </Live>
      <Live>{done && <p className="muted report-done">{t("ideas.report.thanks")}</p>}</Live>
    </div>
  );
}
