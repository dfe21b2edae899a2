import { useState } from "react";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { date } from "../../format";
import { Link } from "../../router";
import type { ReportedKind } from "../../gql/graphql";
import { ModerationHistoryQuery, OverdueIdeasQuery } from "./documents";
import { ApiError } from "./errors";
import { paths } from "./shared";

const overdueContext = { additionalTypenames: ["Idea"] };

/** Ideas under review past their box's answer deadline, across the tenant's boxes. */
export function OverdueIdeas() {
  const { t } = useTranslation();
  const [{ data, error }] = useQuery({ query: OverdueIdeasQuery, context: overdueContext });
  const ideas = (data?.overdueIdeas.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  return (
    <section aria-labelledby="overdue-title">
      <h2 id="overdue-title">{t("ideas.moderation.overdue")}</h2>
      <ApiError error={error} />
      {data && ideas.length === 0 && <p>{t("ideas.moderation.noOverdue")}</p>}
      <ul className="cards">
        {ideas.map((i) => (
          <li key={i.id} className="card overdue">
            <h3><Link href={paths.idea(i.id)}>{i.title}</Link></h3>
            <p className="muted">{i.answerDueAt && t("ideas.idea.answerDue", { date: date(i.answerDueAt) })}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Acts({ kind, id }: { kind: ReportedKind; id: string }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: ModerationHistoryQuery, variables: { kind, id }, requestPolicy: "network-only" });
  if (fetching && !data) return <p role="status">{t("loading")}</p>;
  if (error) return <ApiError error={error} />;
  const acts = data?.moderationHistory ?? [];
  if (acts.length === 0) return <p className="muted">{t("ideas.moderation.noActs")}</p>;
  return (
    <ol className="acts">
      {acts.map((a) => (
        <li key={`${a.at}:${a.act}`}>
          {t(`ideas.moderation.act.${a.act}`, { defaultValue: a.act })} · {a.byId === "system" ? t("ideas.moderation.bySystem") : a.byId} · {date(a.at)}
          {a.reason && <> : « {a.reason} »</>}
        </li>
      ))}
    </ol>
  );
}

/** The acts recorded on a queued item, read when the moderator opens them. */
export function ModerationHistory({ kind, id }: { kind: ReportedKind; id: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t("ideas.moderation.history")}</summary>
      {open && <Acts kind={kind} id={id} />}
    </details>
  );
}
