import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { accessToken, setAccessToken } from "../../auth";
import { date, dateTime, money } from "../../format";
import { Link, navigate } from "../../router";
import { Failure, Loading } from "../common";
import type { MyContributionsQuery } from "../../gql/graphql";
import {
  ContributionCampaignQuery, DeleteAccountMutation, HasVotedQuery, MyBallotsQuery, MyContributionsQuery as Contributions, MyDataQuery,
  RequestExportMutation, RequestReceiptMutation, RevokeInvestmentMutation,
} from "./documents";
import { MyLoanSchedule } from "./Loan";
import { MyNotifications } from "../updates/MyNotifications";
import { revocableUntil } from "./loan";

type Contribution = NonNullable<NonNullable<MyContributionsQuery["myContributions"]["items"]>[number]>;

function ReceiptRequest({ contribution, onDone }: { contribution: Contribution; onDone: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [address, setAddress] = useState("");
  const [problem, setProblem] = useState(false);
  const [{ fetching, error }, request] = useMutation(RequestReceiptMutation);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const bad = !name.trim() || !address.trim();
    setProblem(bad);
    if (bad) return;
    const result = await request({ contributionId: contribution.id, donor: { name: name.trim(), address: address.trim() } });
    if (result.data) onDone();
  };
  if (!open) return <button type="button" onClick={() => setOpen(true)}>{t("resident.me.requestReceipt")}</button>;
  const idPrefix = `receipt-${contribution.id}`;
  return (
    <form onSubmit={submit} noValidate aria-label={t("resident.me.requestReceipt")}>
      <div className="field">
        <label htmlFor={`${idPrefix}-name`}>{t("resident.me.donorName")}</label>
        <input id={`${idPrefix}-name`} value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-address`}>{t("resident.me.donorAddress")}</label>
        <input id={`${idPrefix}-address`} value={address} onChange={(e) => setAddress(e.target.value)} autoComplete="street-address" />
      </div>
      <p role="alert" className="error">{problem ? t("resident.me.donorMissing") : ""}</p>
      <button type="submit" className="primary" disabled={fetching}>{t("resident.me.issueReceipt")}</button>
      {error && <Failure error={error} />}
    </form>
  );
}

/** A receipt opens for its donor only: fetched with the access token, then saved (a plain link would carry no token). */
async function openReceipt(number: string): Promise<void> {
  const response = await fetch(`/receipts/${encodeURIComponent(number)}.html`, { headers: { Authorization: `Bearer ${accessToken() ?? ""}` } });
  if (!response.ok) throw new Error(String(response.status));
  const url = URL.createObjectURL(new Blob([await response.text()], { type: "text/html" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = `recu-${number}.html`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function ContributionRow({ contribution, onChange }: { contribution: Contribution; onChange: () => void }) {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: ContributionCampaignQuery, variables: { id: contribution.campaignId } });
  const [revoke, sendRevoke] = useMutation(RevokeInvestmentMutation);
  const [failed, setFailed] = useState(false);
  const campaign = data?.campaign;
  const succeeded = campaign && (campaign.status === "SUCCEEDED" || campaign.status === "PAID_OUT");
  const equityOpen = campaign?.mode === "EQUITY" && contribution.status !== "FAILED" && contribution.status !== "REFUNDED"
    && revocableUntil(contribution.createdAt).getTime() > Date.now();
  return (
    <tr data-testid="contribution">
      <th scope="row">
        {campaign ? <Link href={`/campaigns/${encodeURIComponent(campaign.id)}`}>{campaign.title}</Link> : contribution.campaignId}
        {campaign && <span className="muted"> · {t(`resident.mode.${campaign.mode}`)}</span>}
      </th>
      <td>{date(contribution.createdAt)}</td>
      <td>{money(contribution.amount)}</td>
      <td>{t(`resident.me.status.${contribution.status}`)}{contribution.failureReason ? ` (${contribution.failureReason})` : ""}</td>
      <td>
        {contribution.receiptNumber ? (
          <>
            <button type="button" onClick={() => openReceipt(contribution.receiptNumber!).then(() => setFailed(false), () => setFailed(true))}>
              {t("resident.me.downloadReceipt", { number: contribution.receiptNumber })}
            </button>
            {failed && <span role="alert" className="error"> {t("resident.me.receiptFailed")}</span>}
          </>
        ) : campaign?.mode === "DONATION" && succeeded && contribution.status === "CONFIRMED" ? (
          <ReceiptRequest contribution={contribution} onDone={onChange} />
        ) : equityOpen ? (
          <>
            <span>{t("resident.me.revocable", { until: dateTime(revocableUntil(contribution.createdAt).toISOString()) })}</span>{" "}
            <button type="button" disabled={revoke.fetching}
              onClick={async () => { if ((await sendRevoke({ campaignId: contribution.campaignId, contributionId: contribution.id })).data) onChange(); }}>
              {t("resident.equity.revoke")}
            </button>
            {revoke.error && <Failure error={revoke.error} />}
          </>
        ) : (
          <span className="muted">{t("resident.me.noReceipt")}</span>
        )}
      </td>
    </tr>
  );
}

function MyLoan({ contribution }: { contribution: Contribution }) {
  const [{ data }] = useQuery({ query: ContributionCampaignQuery, variables: { id: contribution.campaignId } });
  const campaign = data?.campaign;
  if (!campaign || campaign.mode !== "LOAN") return null;
  return <MyLoanSchedule campaignId={campaign.id} currency={contribution.amount.currency} title={campaign.title} />;
}

function MyContributions() {
  const { t } = useTranslation();
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, error, fetching }, refetch] = useQuery({ query: Contributions, variables: { first: 20, after } });
  if (fetching && !data) return <Loading />;
  if (error) return <Failure error={error} />;
  const page = data!.myContributions;
  const items = (page.items ?? []).filter((c): c is Contribution => Boolean(c));
  const refresh = () => refetch({ requestPolicy: "network-only" });
  const loans = [...new Map(items.map((c) => [c.campaignId, c])).values()];
  return (
    <>
      <section aria-labelledby="contributions-title">
        <h2 id="contributions-title">{t("resident.me.contributions")}</h2>
        {items.length === 0 ? <p>{t("resident.me.noContributions")}</p> : (
          <table className="data">
            <caption className="sr-only">{t("resident.me.contributions")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("resident.me.campaign")}</th><th scope="col">{t("resident.me.date")}</th><th scope="col">{t("resident.me.amount")}</th>
                <th scope="col">{t("resident.me.statusTitle")}</th><th scope="col">{t("resident.me.receipt")}</th>
              </tr>
            </thead>
            <tbody>{items.map((c) => <ContributionRow key={c.id} contribution={c} onChange={refresh} />)}</tbody>
          </table>
        )}
        {(after || page.pageInfo.hasNextPage) && (
          <p>
            {after && <button type="button" onClick={() => setAfter(null)}>{t("resident.me.firstPage")}</button>}{" "}
            {page.pageInfo.hasNextPage && page.pageInfo.endCursor && (
              <button type="button" onClick={() => setAfter(page.pageInfo.endCursor!)}>{t("resident.me.nextPage")}</button>
            )}
          </p>
        )}
      </section>
      <section aria-labelledby="loans-title">
        <h2 id="loans-title">{t("resident.me.loans")}</h2>
        <p className="muted">{t("resident.me.loansHint")}</p>
        {loans.map((c) => <MyLoan key={c.campaignId} contribution={c} />)}
      </section>
    </>
  );
}

function VotedRow({ id, title }: { id: string; title: string }) {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: HasVotedQuery, variables: { id } });
  if (!data?.vote?.hasVoted) return null;
  return (
    <li data-testid="ballot-cast">
      <Link href={`/votes/${encodeURIComponent(id)}`}>{title}</Link> · {t("resident.me.voted")}
    </li>
  );
}

/** The votes the member took part in (never what they chose: the API does not tell it, to anyone). */
function MyBallots() {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: MyBallotsQuery });
  const votes = (data?.votes.items ?? []).filter((v): v is NonNullable<typeof v> => Boolean(v));
  return (
    <section aria-labelledby="ballots-title">
      <h2 id="ballots-title">{t("resident.me.ballots")}</h2>
      <p className="muted">{t("resident.me.ballotsHint")}</p>
      <ul>{votes.map((v) => <VotedRow key={v.id} id={v.id} title={v.title} />)}</ul>
    </section>
  );
}

/** The export's file, fetched with the mailed link's token and the member's access token, then saved. */
async function downloadExport(id: string, link: string): Promise<void> {
  const token = new URL(link, location.origin).searchParams.get("token") ?? link.trim();
  const response = await fetch(`/exports/my-data/${encodeURIComponent(id)}?token=${encodeURIComponent(token)}`, {
    headers: { Authorization: `Bearer ${accessToken() ?? ""}` },
  });
  if (!response.ok) throw new Error(String(response.status));
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = "my-data.json";
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function ExportDownload({ id }: { id: string }) {
  const { t } = useTranslation();
  const [link, setLink] = useState("");
  const [failed, setFailed] = useState(false);
  return (
    <form onSubmit={(e) => { e.preventDefault(); downloadExport(id, link).then(() => setFailed(false), () => setFailed(true)); }}>
      <div className="field">
        <label htmlFor={`export-${id}`}>{t("resident.me.exportLink")}</label>
        <input id={`export-${id}`} value={link} onChange={(e) => setLink(e.target.value)} autoComplete="off" />
      </div>
      <button type="submit">{t("resident.me.download")}</button>
      {failed && <p role="alert" className="error">{t("resident.me.downloadFailed")}</p>}
    </form>
  );
}

function MyData({ onDeleted }: { onDeleted: () => void }) {
  const { t } = useTranslation();
  const [{ data, error }, refetch] = useQuery({ query: MyDataQuery });
  const [requested, request] = useMutation(RequestExportMutation);
  const [deleting, setDeleting] = useState(false);
  const [password, setPassword] = useState("");
  const [removal, remove] = useMutation(DeleteAccountMutation);
  const ask = async () => {
    if ((await request({})).data) refetch({ requestPolicy: "network-only" });
  };
  const confirmDelete = async (event: FormEvent) => {
    event.preventDefault();
    if (!password) return;
    if ((await remove({ password })).data?.deleteMyAccount) onDeleted();
  };
  return (
    <section aria-labelledby="data-title">
      <h2 id="data-title">{t("resident.me.data")}</h2>
      {error && <Failure error={error} />}
      {data?.myAccount && <p>{t("resident.me.account", { name: data.myAccount.displayName, email: data.myAccount.email })}</p>}
      <p>{t("resident.me.exportHint")}</p>
      <button type="button" onClick={() => void ask()} disabled={requested.fetching}>{t("resident.me.requestExport")}</button>
      <div aria-live="polite">
        {requested.data && <p role="status" className="outcome confirmed">{t("resident.me.exportRequested")}</p>}
        {requested.error && <Failure error={requested.error} />}
      </div>
      {data && data.myDataExports.length > 0 && (
        <table className="data" data-testid="exports">
          <caption>{t("resident.me.exports")}</caption>
          <thead><tr><th scope="col">{t("resident.me.requestedAt")}</th><th scope="col">{t("resident.me.statusTitle")}</th><th scope="col">{t("resident.me.download")}</th></tr></thead>
          <tbody>
            {data.myDataExports.map((x) => (
              <tr key={x.id}>
                <th scope="row">{dateTime(x.requestedAt)}</th>
                <td>{t(`resident.me.export.${x.state}`)}{x.expiresAt && x.state === "READY" ? ` · ${t("resident.me.expires", { date: dateTime(x.expiresAt) })}` : ""}</td>
                <td>{x.state === "READY" ? <ExportDownload id={x.id} /> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t("resident.me.deleteTitle")}</h3>
      <p>{t("resident.me.deleteHint")}</p>
      {!deleting ? (
        <button type="button" className="danger" onClick={() => setDeleting(true)}>{t("resident.me.delete")}</button>
      ) : (
        <div role="alertdialog" aria-labelledby="delete-confirm" className="confirm">
        <form onSubmit={confirmDelete}>
          <p id="delete-confirm">{t("resident.me.deleteConfirm")}</p>
          <div className="field">
            <label htmlFor="delete-password">{t("resident.me.password")}</label>
            <input id="delete-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
          </div>
          <button type="submit" className="primary" disabled={!password || removal.fetching}>{t("resident.me.deleteYes")}</button>{" "}
          <button type="button" onClick={() => setDeleting(false)}>{t("vote.confirmNo")}</button>
          {removal.error && <Failure error={removal.error} />}
        </form>
        </div>
      )}
    </section>
  );
}

/** My space: what the signed-in member did on this tenant's site, and their data. */
export function MySpace({ onSignedOut }: { onSignedOut: () => void }) {
  const { t } = useTranslation();
  if (!accessToken()) {
    return (
      <>
        <h1>{t("resident.me.title")}</h1>
        <p><Link href={`/sign-in?back=${encodeURIComponent("/me")}`}>{t("resident.me.signInFirst")}</Link></p>
      </>
    );
  }
  const deleted = () => {
    setAccessToken(null);
    onSignedOut();
    navigate("/");
  };
  return (
    <>
      <h1>{t("resident.me.title")}</h1>
      <MyNotifications />
      <MyContributions />
      <MyBallots />
      <MyData onDeleted={deleted} />
    </>
  );
}
