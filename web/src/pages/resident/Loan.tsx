import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { date, money } from "../../format";
import { MyLoanQuery } from "./documents";
import { lenderCap, loanSchedule } from "./loan";
import { Failure } from "../common";

interface Terms {
  annualRateBasisPoints: number;
  termMonths: number;
  firstRepaymentOn: string;
}

function rate(bp: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 2 }).format(bp / 10_000);
}

/** A loan's terms as French crowdlending rules ask them shown before lending, and the schedule of the amount typed. */
export function LoanTermsView({ terms, currency, amount }: { terms: Terms; currency: string; amount: number }) {
  const { t, i18n } = useTranslation();
  const schedule = loanSchedule(amount, terms.annualRateBasisPoints, terms.termMonths, terms.firstRepaymentOn);
  const total = schedule.reduce((sum, l) => sum + l.total, 0);
  return (
    <section aria-labelledby="loan-title" data-testid="loan-terms">
      <h2 id="loan-title">{t("resident.loan.title")}</h2>
      <dl className="terms">
        <dt>{t("resident.loan.rate")}</dt>
        <dd>{terms.annualRateBasisPoints === 0 ? t("resident.loan.interestFree") : rate(terms.annualRateBasisPoints, i18n.language)}</dd>
        <dt>{t("resident.loan.term")}</dt>
        <dd>{t("resident.loan.months", { count: terms.termMonths })}</dd>
        <dt>{t("resident.loan.firstRepayment")}</dt>
        <dd>{date(terms.firstRepaymentOn)}</dd>
        <dt>{t("resident.loan.capTitle")}</dt>
        <dd>{t("resident.loan.cap", { amount: money({ amount: lenderCap(terms.annualRateBasisPoints), currency }) })}</dd>
      </dl>
      {schedule.length > 0 && (
        <details>
          <summary>{t("resident.loan.simulate", { amount: money({ amount, currency }), total: money({ amount: total, currency }) })}</summary>
          <ScheduleTable caption={t("resident.loan.simulation")} currency={currency}
            lines={schedule.map((l) => ({ ...l, status: null }))} />
        </details>
      )}
    </section>
  );
}

interface Line {
  number: number;
  dueOn: string;
  principal: number;
  interest: number;
  total: number;
  status: string | null;
}

function ScheduleTable({ caption, currency, lines }: { caption: string; currency: string; lines: readonly Line[] }) {
  const { t } = useTranslation();
  const withStatus = lines.some((l) => l.status);
  return (
    <table className="data">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("resident.loan.number")}</th><th scope="col">{t("resident.loan.dueOn")}</th>
          <th scope="col">{t("resident.loan.principal")}</th><th scope="col">{t("resident.loan.interest")}</th>
          <th scope="col">{t("resident.loan.total")}</th>{withStatus && <th scope="col">{t("resident.loan.status")}</th>}
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l.number}>
            <th scope="row">{l.number}</th><td>{date(l.dueOn)}</td><td>{money({ amount: l.principal, currency })}</td>
            <td>{money({ amount: l.interest, currency })}</td><td>{money({ amount: l.total, currency })}</td>
            {withStatus && <td>{t(`resident.loan.instalment.${l.status}`)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The signed-in lender's schedule on a succeeded loan campaign, with what was repaid and what is due (the API's). */
export function MyLoanSchedule({ campaignId, currency, title }: { campaignId: string; currency: string; title?: string }) {
  const { t } = useTranslation();
  const [{ data, error }] = useQuery({ query: MyLoanQuery, variables: { campaignId } });
  if (error) return <Failure error={error} />;
  const position = data?.myLoanPosition;
  if (!position) return null;
  return (
    <section aria-label={title ?? t("resident.loan.mySchedule")} data-testid="my-loan">
      <h3>{title ?? t("resident.loan.mySchedule")}</h3>
      <p>
        {t("resident.loan.position", {
          paid: money({ amount: position.paid, currency }), owed: money({ amount: position.totalOwed, currency }),
          due: money({ amount: position.dueNow, currency }),
        })}
        {position.nextDueOn && ` ${t("resident.loan.next", { date: date(position.nextDueOn) })}`}
      </p>
      <ScheduleTable caption={title ?? t("resident.loan.mySchedule")} currency={currency}
        lines={position.instalments.map((p) => ({ ...p.instalment, status: p.status }))} />
    </section>
  );
}
