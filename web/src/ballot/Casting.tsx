import { useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

export interface Cast {
  choices: string[];
  points?: number[];
}

interface Props {
  /** The ballot to send, or null while it breaks a rule. */
  ballot: Cast | null;
  busy?: boolean;
  /** Why the ballot cannot be cast yet, announced politely (null when valid). */
  problem?: string | null;
  onCast: (choices: string[], points?: number[]) => void;
  children: (locked: boolean) => ReactNode;
}

/** The form shell every ballot shares: its fields, the rule problem announced live, a confirmation before casting. */
export function Casting({ ballot, busy, problem, onCast, children }: Props) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ballot) return;
    if (!confirming) setConfirming(true);
    else onCast(ballot.choices, ballot.points);
  };
  return (
    <form className="ballot" onSubmit={submit} aria-label={t("vote.submit")}>
      {children(Boolean(busy) || confirming)}
      <p className="ballot-problem" role="status" aria-live="polite">{problem ?? ""}</p>
      {confirming ? (
        <div role="alertdialog" aria-labelledby="confirm-text" className="confirm">
          <p id="confirm-text">{t("vote.confirm")}</p>
          <button type="submit" className="primary" disabled={busy} autoFocus>
            {t("vote.confirmYes")}
          </button>{" "}
          <button type="button" onClick={() => setConfirming(false)}>
            {t("vote.confirmNo")}
          </button>
        </div>
      ) : (
        <button type="submit" className="primary" disabled={!ballot || busy}>
          {t("vote.submit")}
        </button>
      )}
    </form>
  );
}
