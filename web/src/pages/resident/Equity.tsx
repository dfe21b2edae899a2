import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import { accessToken } from "../../auth";
import { dateTime, money } from "../../format";
import { Link } from "../../router";
import { Failure } from "../common";
import { InvestMutation, RevokeInvestmentMutation } from "./documents";
import { revocableUntil, riskThreshold } from "./loan";

interface Offer {
  sharePrice: { amount: number; currency: string };
  sharesOffered: number;
  sharesRemaining: number;
  minRaise: { amount: number; currency: string };
  maxRaise: { amount: number; currency: string };
  kiis: string;
}

/** The entry knowledge test (ECSP art. 21): every answer right passes it; questions and answers come from the message files. */
const questions = [
  { id: "loss", right: "all" },
  { id: "liquidity", right: "hard" },
  { id: "diversify", right: "spread" },
] as const;
const answers: Record<string, readonly string[]> = { loss: ["none", "part", "all"], liquidity: ["easy", "hard"], diversify: ["spread", "one"] };

function Kiis({ reference }: { reference: string }) {
  const { t } = useTranslation();
  const linkable = /^(https?:\/\/|\/)/.test(reference);
  return linkable ? <a href={reference}>{t("resident.equity.kiisOpen")}</a> : <code>{reference}</code>;
}

/** The investment's steps as EU regulation 2020/1503 requires them: KIIS, knowledge test, risk warning, the 4-day reflection. */
export function EquityInvest({ campaignId, offer, onDone }: { campaignId: string; offer: Offer; onDone: () => void }) {
  const { t } = useTranslation();
  const [readKiis, setReadKiis] = useState(false);
  const [sophisticated, setSophisticated] = useState(false);
  const [test, setTest] = useState<Record<string, string>>({});
  const [netWorth, setNetWorth] = useState("");
  const [shares, setShares] = useState("1");
  const [risk, setRisk] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [invested, setInvested] = useState<{ id: string; at: string } | null>(null);
  const [revoked, setRevoked] = useState(false);
  const [invest, send] = useMutation(InvestMutation);
  const [revoke, sendRevoke] = useMutation(RevokeInvestmentMutation);

  if (!accessToken()) return <p><Link href={`/sign-in?back=${encodeURIComponent(location.pathname)}`}>{t("resident.equity.signInFirst")}</Link></p>;

  const passed = questions.every((q) => test[q.id] === q.right);
  const answered = questions.every((q) => test[q.id]);
  const count = Math.floor(Number(shares));
  const amount = Number.isFinite(count) ? count * offer.sharePrice.amount : 0;
  const worth = netWorth.trim() ? Math.round(Number(netWorth.replace(",", ".")) * 100) : null;
  const needsRisk = !sophisticated && amount > riskThreshold(worth !== null && Number.isFinite(worth) ? worth : null);
  const currency = offer.sharePrice.currency;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let bad: string | null = null;
    if (!readKiis) bad = t("resident.equity.readKiisFirst");
    else if (!sophisticated && !passed) bad = t("resident.equity.testFirst");
    else if (!Number.isInteger(Number(shares)) || count < 1 || count > offer.sharesRemaining) bad = t("resident.equity.badShares", { count: offer.sharesRemaining });
    else if (worth !== null && (!Number.isFinite(worth) || worth < 0)) bad = t("resident.equity.badWorth");
    else if (needsRisk && !risk) bad = t("resident.equity.riskFirst");
    setProblem(bad);
    if (bad) return;
    const result = await send({
      input: {
        campaignId, shares: count, idempotencyKey: crypto.randomUUID(), riskAcknowledged: risk, sophisticated,
        knowledgeTestPassed: sophisticated || passed, declaredNetWorth: worth,
      },
    });
    if (result.data) {
      setInvested({ id: result.data.invest.contribution.id, at: result.data.invest.contribution.createdAt });
      onDone();
    }
  };

  const undo = async () => {
    if (!invested) return;
    const result = await sendRevoke({ campaignId, contributionId: invested.id });
    if (result.data) {
      setRevoked(true);
      onDone();
    }
  };

  if (invested) {
    return (
      <section aria-labelledby="invested-title" data-testid="invested">
        <h2 id="invested-title">{t("resident.equity.title")}</h2>
        {revoked ? (
          <p role="status" className="outcome confirmed">{t("resident.equity.revoked")}</p>
        ) : (
          <>
            <p role="status" className="outcome confirmed">{t("resident.equity.done", { until: dateTime(revocableUntil(invested.at).toISOString()) })}</p>
            <button type="button" onClick={() => void undo()} disabled={revoke.fetching}>{t("resident.equity.revoke")}</button>
          </>
        )}
        {revoke.error && <Failure error={revoke.error} />}
      </section>
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="invest-title">
      <h2 id="invest-title">{t("resident.equity.title")}</h2>
      <p>{t("resident.equity.offer", {
        price: money(offer.sharePrice), remaining: offer.sharesRemaining, offered: offer.sharesOffered,
        min: money(offer.minRaise), max: money(offer.maxRaise),
      })}</p>
      <ol className="steps">
        <li className={readKiis ? "done" : undefined}>
          <h3>{t("resident.equity.kiisTitle")}</h3>
          <p>{t("resident.equity.kiisText")} <Kiis reference={offer.kiis} /></p>
          <label className="choice">
            <input type="checkbox" checked={readKiis} onChange={(e) => setReadKiis(e.target.checked)} />
            <span>{t("resident.equity.kiisRead")}</span>
          </label>
        </li>
        <li className={sophisticated || passed ? "done" : undefined}>
          <h3>{t("resident.equity.profileTitle")}</h3>
          <label className="choice">
            <input type="checkbox" checked={sophisticated} onChange={(e) => setSophisticated(e.target.checked)} />
            <span>{t("resident.equity.sophisticated")}</span>
          </label>
          {!sophisticated && (
            <>
              <p>{t("resident.equity.testIntro")}</p>
              {questions.map((q) => (
                <fieldset key={q.id}>
                  <legend>{t(`resident.equity.test.${q.id}.question`)}</legend>
                  {answers[q.id].map((a) => (
                    <label key={a} className="choice">
                      <input type="radio" name={`test-${q.id}`} value={a} checked={test[q.id] === a} onChange={() => setTest({ ...test, [q.id]: a })} />
                      <span>{t(`resident.equity.test.${q.id}.${a}`)}</span>
                    </label>
                  ))}
                </fieldset>
              ))}
              <p role="status" data-testid="knowledge-test">{answered ? (passed ? t("resident.equity.testPassed") : t("resident.equity.testFailed")) : ""}</p>
            </>
          )}
          <div className="field">
            <label htmlFor="net-worth">{t("resident.equity.netWorth")}</label>
            <input id="net-worth" inputMode="decimal" value={netWorth} onChange={(e) => setNetWorth(e.target.value)} aria-describedby="net-worth-hint" />
            <p id="net-worth-hint" className="muted">{t("resident.equity.netWorthHint")}</p>
          </div>
        </li>
        <li>
          <h3>{t("resident.equity.sharesTitle")}</h3>
          <div className="field">
            <label htmlFor="shares">{t("resident.equity.shares")}</label>
            <input id="shares" inputMode="numeric" value={shares} onChange={(e) => setShares(e.target.value)} aria-describedby="shares-hint" />
            <p id="shares-hint" className="muted">{t("resident.equity.amount", { amount: money({ amount, currency }) })}</p>
          </div>
        </li>
        {needsRisk && (
          <li className={risk ? "done" : undefined}>
            <h3>{t("resident.equity.riskTitle")}</h3>
            <div className="warning" role="note">
              <p>{t("resident.equity.riskWarning")}</p>
              <label className="choice">
                <input type="checkbox" checked={risk} onChange={(e) => setRisk(e.target.checked)} />
                <span>{t("resident.equity.riskAcknowledge")}</span>
              </label>
            </div>
          </li>
        )}
        <li>
          <h3>{t("resident.equity.reflectionTitle")}</h3>
          <p>{t("resident.equity.reflection")}</p>
        </li>
      </ol>
      <p role="alert" className="error">{problem ?? ""}</p>
      <button type="submit" className="primary" disabled={invest.fetching}>{t("resident.equity.submit")}</button>
      {invest.error && <Failure error={invest.error} />}
    </form>
  );
}
