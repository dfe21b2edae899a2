import { useMemo, useState } from "react";
import { useIdeaLive } from "../../live/useLive";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { date } from "../../format";
import { Link } from "../../router";
import { Failure, Loading } from "../common";
import type { IdeaQuery as IdeaData } from "../../gql/graphql";
import { IdeaBoxQuery, IdeaQuery, SupportIdeaMutation, WithdrawSupportMutation } from "./documents";
import { AnswerForm } from "./AnswerForm";
import { AuthorTools } from "./AuthorTools";
import { Comments } from "./Comments";
import { ApiError } from "./errors";
import { ModerateForm } from "./ModerateForm";
import { ReportForm } from "./ReportForm";
import { Live, SignInLink, StateBadge, paths } from "./shared";
import { isModerator, useViewer, type Viewer } from "../../viewer";

type Idea = NonNullable<IdeaData["idea"]>;

function Support({ idea, open, withdrawable, me }: { idea: Idea; open: boolean; withdrawable: boolean; me: Viewer | null }) {
  const { t } = useTranslation();
  const [support, doSupport] = useMutation(SupportIdeaMutation);
  const [withdrawal, doWithdraw] = useMutation(WithdrawSupportMutation);
  const [said, setSaid] = useState<string | null>(null);
  // The mutation's answer is the idea grain's own: it stands until the page reloads (the list row may lag it).
  const [answer, setAnswer] = useState<{ supporting: boolean; supportCount: number } | null>(null);
  const context = useMemo(() => ({ additionalTypenames: ["Idea"] }), []);
  const supporting = answer?.supporting ?? idea.supportedByMe;
  const pushed = useIdeaLive(idea.id);
  const supports = pushed?.supportCount ?? answer?.supportCount ?? idea.supportCount;
  const act = async () => {
    setSaid(null);
    const now = supporting
      ? (await doWithdraw({ id: idea.id }, context)).data?.withdrawSupport
      : (await doSupport({ id: idea.id }, context)).data?.supportIdea;
    if (now) {
      setAnswer({ supporting: now.supporting, supportCount: now.supportCount });
      setSaid(now.supporting ? t("ideas.idea.supported") : t("ideas.idea.withdrawn"));
    }
  };
  const busy = support.fetching || withdrawal.fetching;
  return (
    <div className="support">
      <p className="supports" data-testid="supports">{t("ideas.idea.supports", { count: supports })}</p>
      {me === null ? (
        <SignInLink label={t("ideas.idea.signInToSupport")} />
      ) : open && (!supporting || withdrawable) && (
        <button type="button" className={supporting ? undefined : "primary"} aria-pressed={supporting} disabled={busy} onClick={() => void act()}>
          {supporting ? t("ideas.idea.withdrawSupport") : t("ideas.idea.support")}
        </button>
      )}
      {supporting && <p className="muted">{t("ideas.idea.youSupport")}</p>}
      <Live>{said && <p className="support-said">{said}</p>}</Live>
      <Live assertive><ApiError error={support.error ?? withdrawal.error} /></Live>
    </div>
  );
}

/** An idea: its text, state, answers and supports, the support button, reports, and its comment thread. */
export function IdeaPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const context = useMemo(() => ({ additionalTypenames: ["Comment", "SupportResult", "Moderation"] }), []);
  const [{ data, error, fetching }, refetch] = useQuery({ query: IdeaQuery, variables: { id }, context });
  const idea = data?.idea;
  const [{ data: boxData }] = useQuery({ query: IdeaBoxQuery, variables: { id: idea?.boxId ?? "" }, pause: !idea });
  const { viewer: me, known } = useViewer();
  if ((fetching && !data) || !known) return <Loading />;
  if (error) return <Failure error={error} />;
  if (!idea) return <p>{t("notFound")}</p>;
  const box = boxData?.ideaBox;
  const mine = me !== null && me.id === idea.authorId;
  const moderator = isModerator(me);
  return (
    <article>
      {box && <p><Link href={paths.box(box.id)}>{t("ideas.idea.back", { title: box.title })}</Link></p>}
      <h1>{idea.title || t("ideas.idea.hiddenTitle")}</h1>
      <p><StateBadge state={idea.state} />{idea.hidden && <span className="badge hidden-badge">{t("ideas.idea.hiddenBadge")}</span>}</p>
      {idea.hidden && (
        <p className="notice">{idea.hiddenReason ? t("ideas.idea.hiddenBecause", { reason: idea.hiddenReason }) : t("ideas.idea.hiddenNotice")}</p>
      )}
      <p className="muted">
        {[idea.category, idea.district].filter(Boolean).join(" · ")}
        {(idea.category || idea.district) && " · "}
        {t("ideas.idea.submittedOn", { date: date(idea.submittedAt) })}
        {mine && <> · {t("ideas.idea.yours")}</>}
      </p>
      <div className="story" dangerouslySetInnerHTML={{ __html: idea.bodyHtml }} />
      {idea.underReviewSince && (
        <p className="muted">
          {t("ideas.idea.underReviewSince", { date: date(idea.underReviewSince) })}
          {idea.answerDueAt && <> · {t("ideas.idea.answerDue", { date: date(idea.answerDueAt) })}</>}
        </p>
      )}
      <Support idea={idea} open={box?.isOpen ?? false} withdrawable={box?.supportsWithdrawable ?? false} me={me} />
      {idea.answers.length > 0 && (
        <section aria-labelledby="answers-title">
          <h2 id="answers-title">{t("ideas.idea.answers")}</h2>
          <ul className="answers">
            {idea.answers.map((a) => (
              <li key={a.at}>
                <p><StateBadge state={a.state} /> <span className="muted">{date(a.at)}</span></p>
                <p>{a.text}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {mine && <AuthorTools ideaId={idea.id} onChanged={() => refetch({ requestPolicy: "network-only" })} />}
      {me && !mine && !idea.hidden && <ReportForm kind="IDEA" id={idea.id} label={t("ideas.report.idea")} />}
      {moderator && (
        <section aria-labelledby="moderate-title" className="staff">
          <h2 id="moderate-title">{t("ideas.moderation.onIdea")}</h2>
          <AnswerForm ideaId={idea.id} onAnswered={() => refetch({ requestPolicy: "network-only" })} />
          <ModerateForm kind="IDEA" id={idea.id} hidden={idea.hidden} onDone={() => refetch({ requestPolicy: "network-only" })} />
        </section>
      )}
      <Comments target={{ kind: "idea", id: idea.id }} count={idea.commentCount} me={me} />
    </article>
  );
}
