import { useState } from "react";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import type { ModerationAct, ReportedKind } from "../../gql/graphql";
import { ModerateContentMutation } from "./documents";
import { ApiError } from "./errors";
import { Live } from "./shared";

/** Moderators and admins: hide, restore, or dismiss the reports of an idea or comment, with a reason. */
export function ModerateForm({ kind, id, hidden, onDone }: { kind: ReportedKind; id: string; hidden: boolean; onDone?: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState<ModerationAct | null>(null);
  const [{ fetching, error }, moderate] = useMutation(ModerateContentMutation);
  const prefix = `moderate-${id}`;
  const act = async (what: ModerationAct) => {
    setMissing(!reason.trim());
    if (!reason.trim()) return;
    const result = await moderate({ kind, id, act: what, reason: reason.trim() }, { additionalTypenames: ["Moderation"] });
    if (result.data) {
      setDone(what);
      setReason("");
      onDone?.();
    }
  };
  return (
    <div className="moderate">
      <div className="field wide">
        <label htmlFor={`${prefix}-reason`}>{t("ideas.moderation.reason")}</label>
        <input id={`${prefix}-reason`} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} aria-invalid={missing || undefined} />
      </div>
      <div className="actions">
        {!hidden && <button type="button" disabled={fetching} onClick={() => void act("HIDE")}>{t("ideas.moderation.hide")}</button>}
        {hidden && <button type="button" disabled={fetching} onClick={() => void act("RESTORE")}>{t("ideas.moderation.restore")}</button>}
        <button type="button" disabled={fetching} onClick={() => void act("DISMISS")}>{t("ideas.moderation.dismiss")}</button>
      </div>
      <Live assertive>
        {missing && <p className="error">{t("ideas.moderation.needReason")}</p>}
        <ApiError error={error} />
      </Live>
      <Live>{done && <p className="muted moderated">{t(`ideas.moderation.done.${done}`)}</p>}</Live>
    </div>
  );
}
