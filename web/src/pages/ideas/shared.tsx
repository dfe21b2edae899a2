import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { date } from "../../format";
import { Link } from "../../router";
import type { IdeaCardFragment, IdeaState } from "../../gql/graphql";
import { accessToken } from "../../auth";

export const ideaStates: IdeaState[] = ["SUBMITTED", "UNDER_REVIEW", "ACCEPTED", "REJECTED", "TURNED_INTO_PROJECT"];

export const paths = {
  boxes: "/ideas",
  moderation: "/ideas/moderation",
  box: (id: string) => `/ideas/boxes/${encodeURIComponent(id)}`,
  submit: (boxId: string) => `/ideas/boxes/${encodeURIComponent(boxId)}/new`,
  idea: (id: string) => `/ideas/${encodeURIComponent(id)}`,
  signIn: () => `/sign-in?back=${encodeURIComponent(location.pathname)}`,
};

/** A region that screen readers read out when its content changes (it is in the page from the start). */
export function Live({ children, assertive = false }: { children?: ReactNode; assertive?: boolean }) {
  return <div aria-live={assertive ? "assertive" : "polite"} className="live">{children}</div>;
}

/** Its value, once it has stopped changing for `delay` milliseconds. */
export function useSettled<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

export function StateBadge({ state }: { state: IdeaState }) {
  const { t } = useTranslation();
  return <span className={`badge idea-state ${state.toLowerCase()}`}>{t(`ideas.state.${state}`)}</span>;
}

export function SignInLink({ label }: { label: string }) {
  return <p><Link href={paths.signIn()}>{label}</Link></p>;
}

export const signedIn = () => accessToken() !== null;

export function IdeaCard({ idea }: { idea: IdeaCardFragment }) {
  const { t } = useTranslation();
  return (
    <li className="card idea-card">
      <h3><Link href={paths.idea(idea.id)}>{idea.title || t("ideas.idea.hiddenTitle")}</Link></h3>
      <p><StateBadge state={idea.state} />{idea.hidden && <span className="badge hidden-badge">{t("ideas.idea.hiddenBadge")}</span>}</p>
      <p className="muted">
        {t("ideas.idea.supports", { count: idea.supportCount })} · {t("ideas.idea.comments", { count: idea.commentCount })}
        {idea.supportedByMe && <> · {t("ideas.idea.youSupport")}</>}
      </p>
      <p className="muted">
        {[idea.category, idea.district].filter(Boolean).join(" · ")}
        {(idea.category || idea.district) && " · "}
        {t("ideas.idea.submittedOn", { date: date(idea.submittedAt) })}
      </p>
    </li>
  );
}
