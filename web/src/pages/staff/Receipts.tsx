import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { accessToken } from "../../auth";
import { date, dateTime, money } from "../../format";
import { Loading } from "../common";
import { ApproveReceiptBeneficiaryMutation, ReceiptBeneficiariesQuery, StaffCampaignChoicesQuery, TaxReceiptsQuery } from "./documents";
import { download, receiptPath, safeFileName } from "./downloads";
import { Field, StaffError } from "./ui";

const pageSize = 25;

/**
 * Admins: the receipt identities waiting for review, the tax receipts issued (each printable) and the CSV exports
 * (every receipt; one campaign's donors). Files come from the API's documented /receipts and /exports endpoints.
 */
export function Receipts() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("staff.receipts.title")}</h1>
      <p>{t("staff.receipts.intro")}</p>
      <PendingBeneficiaries />
      <Exports />
      <IssuedReceipts />
    </>
  );
}

/** A download button: fetches the file with the admin's token, and says why when the API refuses it. */
function DownloadButton({ path, fileName, label }: { path: string; fileName: string; label: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const run = async () => {
    setBusy(true);
    setSaved(false);
    const code = await download(path, fileName, accessToken());
    setBusy(false);
    setRefused(code);
    setSaved(code === null);
  };
  return (
    <span className="download">
      <button type="button" onClick={() => void run()} disabled={busy}>{label}</button>
      <span role="status">{saved ? t("staff.receipts.saved", { file: fileName }) : ""}</span>
      {refused && (
        <span role="alert" className="error">
          {t(`staff.errors.${refused}`, { defaultValue: t("staff.receipts.refused") })} <span className="muted">({refused})</span>
        </span>
      )}
    </span>
  );
}

function PendingBeneficiaries() {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: ReceiptBeneficiariesQuery, requestPolicy: "cache-and-network" });
  // A decided identity leaves the queue when the list is fetched again: its outcome stays said here.
  const [decided, setDecided] = useState<Decision[]>([]);
  const onDecided = (decision: Decision) => setDecided((all) => [...all, decision]);
  const pending = (data?.receiptBeneficiaries ?? []).filter((b) => !decided.some((d) => d.id === b.id && d.revision === b.revision));
  return (
    <section aria-labelledby="pending-title">
      <h2 id="pending-title">{t("staff.receipts.pending")}</h2>
      <div role="status">
        {decided.map((d) => <p key={`${d.id}-${d.revision}`} className="outcome confirmed">{t(`staff.receipts.decided.${d.status}`, { name: d.name })}</p>)}
      </div>
      {fetching && !data ? <Loading /> : error ? <StaffError error={error} /> : pending.length === 0 ? <p>{t("staff.receipts.noPending")}</p> : (
        <ul className="staff-list">
          {pending.map((b) => <li key={`${b.id}-${b.revision}`} className="card"><Review registration={b} onDecided={onDecided} /></li>)}
        </ul>
      )}
    </section>
  );
}

type Decision = { id: string; revision: number; name: string; status: string };

type Registration = { id: string; name: string; address: string; siren?: string | null; rna?: string | null; purpose: string; revision: number; submittedAt: string };

function Review({ registration: b, onDecided }: { registration: Registration; onDecided: (decision: Decision) => void }) {
  const { t } = useTranslation();
  const [reviewed, review] = useMutation(ApproveReceiptBeneficiaryMutation);
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const reasonId = `reason-${b.id}`;
  const decide = async (approve: boolean) => {
    if (!approve && !reason.trim()) return setProblem(t("staff.receipts.needReason"));
    setProblem(null);
    const result = await review({ id: b.id, revision: b.revision, approve, reason: approve ? null : reason.trim() });
    const done = result.data?.approveReceiptBeneficiary;
    if (done) onDecided({ id: b.id, revision: b.revision, name: done.name, status: done.status });
  };
  const submit = (event: FormEvent) => event.preventDefault();
  return (
    <>
      <h3>{b.name}</h3>
      <dl className="facts">
        <dt>{t("staff.receipts.address")}</dt><dd>{b.address}</dd>
        <dt>{b.siren ? "SIREN" : "RNA"}</dt><dd>{b.siren ?? b.rna}</dd>
        <dt>{t("staff.receipts.purpose")}</dt><dd>{b.purpose}</dd>
        <dt>{t("staff.receipts.submitted")}</dt><dd>{dateTime(b.submittedAt)} · {t("staff.receipts.revision", { revision: b.revision })}</dd>
      </dl>
      <form onSubmit={submit} aria-label={t("staff.receipts.reviewOf", { name: b.name })} noValidate>
        <Field id={reasonId} label={t("staff.receipts.reason")}>
          <input id={reasonId} value={reason} onChange={(e) => setReason(e.target.value)}
            aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${reasonId}-error` : undefined} />
        </Field>
        <button type="button" className="primary" onClick={() => void decide(true)} disabled={reviewed.fetching}>{t("staff.receipts.approve")}</button>
        <button type="button" onClick={() => void decide(false)} disabled={reviewed.fetching}>{t("staff.receipts.reject")}</button>
        {problem && <p id={`${reasonId}-error`} role="alert" className="error">{problem}</p>}
        {reviewed.error && <StaffError error={reviewed.error} />}
      </form>
    </>
  );
}

function Exports() {
  const { t } = useTranslation();
  const [{ data, error }] = useQuery({ query: StaffCampaignChoicesQuery, variables: { first: 100 }, requestPolicy: "cache-and-network" });
  const campaigns = (data?.campaigns.items ?? []).filter((c) => c !== null);
  const [campaign, setCampaign] = useState("");
  const chosen = campaigns.find((c) => c.id === campaign) ?? campaigns[0];
  return (
    <section aria-labelledby="exports-title">
      <h2 id="exports-title">{t("staff.receipts.exports")}</h2>
      <p><DownloadButton path="/exports/tax-receipts.csv" fileName="recus-fiscaux.csv" label={t("staff.receipts.allCsv")} /></p>
      {error ? <StaffError error={error} /> : campaigns.length === 0 ? <p>{t("staff.receipts.noCampaign")}</p> : (
        <div className="row">
          <Field id="donors-campaign" label={t("staff.receipts.campaign")}>
            <select id="donors-campaign" value={chosen?.id ?? ""} onChange={(e) => setCampaign(e.target.value)}>
              {campaigns.map((c) => <option key={c.id} value={c.id}>{c.title} ({t(`staff.mode.${c.mode}`, c.mode)})</option>)}
            </select>
          </Field>
          {chosen && (
            <DownloadButton path={`/exports/campaigns/${encodeURIComponent(chosen.id)}/donors.csv`}
              fileName={safeFileName(`donateurs-${chosen.id}`, "csv")} label={t("staff.receipts.donorsCsv")} />
          )}
        </div>
      )}
    </section>
  );
}

function IssuedReceipts() {
  const { t } = useTranslation();
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, error, fetching }] = useQuery({ query: TaxReceiptsQuery, variables: { first: pageSize, after }, requestPolicy: "cache-and-network" });
  const receipts = (data?.taxReceipts.items ?? []).filter((r) => r !== null);
  const pageInfo = data?.taxReceipts.pageInfo;
  return (
    <section aria-labelledby="issued-title">
      <h2 id="issued-title">{t("staff.receipts.issued")}</h2>
      {data?.taxReceipts.totalCount != null && <p>{t("staff.receipts.count", { count: data.taxReceipts.totalCount })}</p>}
      {fetching && !data ? <Loading /> : error ? <StaffError error={error} /> : receipts.length === 0 ? <p>{t("staff.receipts.none")}</p> : (
        <div className="scroll">
          <table className="results">
            <thead>
              <tr>
                <th scope="col">{t("staff.receipts.number")}</th><th scope="col">{t("staff.receipts.donor")}</th>
                <th scope="col">{t("staff.receipts.amount")}</th><th scope="col">{t("staff.receipts.donatedOn")}</th>
                <th scope="col">{t("staff.receipts.beneficiary")}</th><th scope="col">{t("staff.receipts.file")}</th>
              </tr>
            </thead>
            <tbody>
              {receipts.map((r) => (
                <tr key={`${r.beneficiary.id}-${r.number}`}>
                  <th scope="row">{r.number}</th>
                  <td>{r.donor.name}</td>
                  <td>{money(r.amount)} · {t("staff.receipts.reduction", { percent: r.taxReductionPercent })}</td>
                  <td>{date(`${r.donatedOn}T12:00:00`)}</td>
                  <td>{r.beneficiary.name}</td>
                  <td>
                    <DownloadButton path={receiptPath(r.number, r.beneficiary.id)} fileName={safeFileName(`recu-${r.number}`, "html")}
                      label={t("staff.receipts.open", { number: r.number })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="pager">
        {after && <button type="button" onClick={() => setAfter(null)}>{t("staff.firstPage")}</button>}
        {pageInfo?.hasNextPage && pageInfo.endCursor && <button type="button" onClick={() => setAfter(pageInfo.endCursor ?? null)}>{t("staff.nextPage")}</button>}
      </p>
    </section>
  );
}
