import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { VotesQuery } from "../../documents";
import { CloseVoteMutation, ImportPabulibMutation, StaffVoteQuery } from "./documents";
import { date, money } from "../../format";
import { Link, navigate } from "../../router";
import { Loading } from "../common";
import { Field, StaffError } from "./ui";

const pageSize = 50;

/** Admins: the tenant's votes, a link to create one, and the import of a Pabulib file. */
export function StaffVotes() {
  const { t } = useTranslation();
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, error, fetching }] = useQuery({ query: VotesQuery, variables: { first: pageSize, after }, requestPolicy: "cache-and-network" });
  const votes = (data?.votes.items ?? []).filter((v) => v !== null);
  const pageInfo = data?.votes.pageInfo;
  return (
    <>
      <h1>{t("staff.votes.title")}</h1>
      <p><Link href="/staff/votes/new" className="button primary">{t("staff.vote.title")}</Link></p>
      <ImportPabulib />
      <h2>{t("staff.votes.list")}</h2>
      {fetching && !data ? <Loading /> : error ? <StaffError error={error} /> : votes.length === 0 ? <p>{t("staff.votes.none")}</p> : (
        <table className="results">
          <thead>
            <tr><th scope="col">{t("staff.votes.vote")}</th><th scope="col">{t("staff.votes.status")}</th><th scope="col">{t("staff.votes.closes")}</th><th scope="col">{t("staff.votes.ballots")}</th></tr>
          </thead>
          <tbody>
            {votes.map((v) => (
              <tr key={v.id}>
                <th scope="row"><Link href={`/staff/votes/${encodeURIComponent(v.id)}`}>{v.title}</Link></th>
                <td>{t(`vote.status.${v.status}`, v.status)} · {t(`vote.type.${v.ballotType}`)}</td>
                <td>{date(v.closesAt)}</td>
                <td>{v.ballots}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="pager">
        {after && <button type="button" onClick={() => setAfter(null)}>{t("staff.firstPage")}</button>}
        {pageInfo?.hasNextPage && pageInfo.endCursor && <button type="button" onClick={() => setAfter(pageInfo.endCursor ?? null)}>{t("staff.nextPage")}</button>}
      </p>
    </>
  );
}

// What the API's request body limit lets through comfortably (GraphQL:MaxBodyBytes is larger; larger files go
// through Civic:ImportDirectory by URL).
const maxFileBytes = 4 * 1024 * 1024;

function ImportPabulib() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState("");
  const [close, setClose] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [imported, importFile] = useMutation(ImportPabulibMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setProblem(t("staff.import.needFile"));
    if (file.size > maxFileBytes) return setProblem(t("staff.import.tooLarge"));
    setProblem(null);
    const result = await importFile({ input: { content: await file.text(), title: title.trim() || null, close } });
    if (result.data) navigate(`/staff/votes/${encodeURIComponent(result.data.importPabulib.id)}`);
  };

  return (
    <form onSubmit={submit} aria-labelledby="import-title" className="card">
      <h2 id="import-title">{t("staff.import.title")}</h2>
      <p className="muted">{t("staff.import.hint")}</p>
      <Field id="pb-file" label={t("staff.import.file")}>
        <input id="pb-file" type="file" accept=".pb,text/plain" onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          aria-invalid={problem ? true : undefined} aria-describedby={problem ? "pb-problem" : undefined} />
      </Field>
      <Field id="pb-title" label={t("staff.import.voteTitle")}><input id="pb-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} /></Field>
      <label className="choice"><input type="checkbox" checked={close} onChange={(e) => setClose(e.target.checked)} />{t("staff.import.close")}</label>
      {problem && <p id="pb-problem" role="alert" className="error">{problem}</p>}
      <button type="submit" className="primary" disabled={imported.fetching}>{imported.fetching ? t("staff.import.sending") : t("staff.import.submit")}</button>
      {imported.error && <StaffError error={imported.error} />}
    </form>
  );
}

/** Admins: one vote, its options and its state; close it (with a confirmation) and go to its results. */
export function StaffVote({ id }: { id: string }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: StaffVoteQuery, variables: { id } });
  const [closed, closeVote] = useMutation(CloseVoteMutation);
  const [confirming, setConfirming] = useState(false);
  if (fetching && !data) return <Loading />;
  if (error) return <StaffError error={error} />;
  const vote = closed.data?.closeVote ?? data?.vote;
  if (!vote) return <p>{t("notFound")}</p>;
  const currency = vote.budget?.currency ?? "EUR";
  const selected = new Set(vote.results?.selected.map((o) => o.id));

  return (
    <article>
      <h1>{vote.title}</h1>
      <p className="muted">
        {t(`vote.status.${vote.status}`, vote.status)} · {t(`vote.type.${vote.ballotType}`)} · {t(`staff.vote.rules.${vote.rule}`)} · {t("vote.ballots", { count: vote.ballots })} · {t("vote.closes", { date: date(vote.closesAt) })}
      </p>
      {vote.budget && <p>{t("staff.vote.budgetIs", { amount: money(vote.budget) })}</p>}
      {vote.importWarnings.length > 0 && (
        <div className="card">
          <h2>{t("staff.import.warnings")}</h2>
          <ul>{vote.importWarnings.map((w) => <li key={w}>{w}</li>)}</ul>
        </div>
      )}
      <h2>{t("staff.vote.options")}</h2>
      <ul>
        {vote.options.map((o) => (
          <li key={o.id}>
            {o.title}{vote.budget ? ` · ${money({ amount: o.cost, currency })}` : ""}
            {vote.results && <> · <strong>{selected.has(o.id) ? t("vote.selectedProject") : t("vote.notSelected")}</strong></>}
          </li>
        ))}
      </ul>
      {vote.status === "CLOSED" ? (
        <>
          <p role="status" className="outcome confirmed">{t("staff.vote.closed", { count: vote.results?.selected.length ?? 0 })}</p>
          <p><Link href={`/votes/${encodeURIComponent(vote.id)}/results`}>{t("vote.seeResults")}</Link></p>
        </>
      ) : (
        <>
          <p><Link href={`/votes/${encodeURIComponent(vote.id)}`}>{t("staff.vote.openPublic")}</Link></p>
          {!confirming ? (
            <button type="button" onClick={() => setConfirming(true)}>{t("staff.vote.close")}</button>
          ) : (
            <div className="confirm" role="group" aria-labelledby="close-confirm">
              <p id="close-confirm">{t("staff.vote.closeConfirm", { count: vote.ballots })}</p>
              <button type="button" className="primary" disabled={closed.fetching} onClick={() => void closeVote({ id: vote.id })}>{t("staff.vote.closeYes")}</button>{" "}
              <button type="button" onClick={() => setConfirming(false)}>{t("staff.vote.closeNo")}</button>
            </div>
          )}
          {closed.error && <StaffError error={closed.error} />}
        </>
      )}
    </article>
  );
}
