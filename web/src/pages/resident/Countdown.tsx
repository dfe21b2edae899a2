import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { date } from "../../format";

/** The current time, refreshed every minute (the page's clock: no request to the API). */
function useNow(every = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), every);
    return () => clearInterval(timer);
  }, [every]);
  return now;
}

/** The end date and the time left, in days, hours and minutes, counting down. */
export function Countdown({ endsAt }: { endsAt: string }) {
  const { t } = useTranslation();
  const now = useNow();
  const left = Math.max(0, new Date(endsAt).getTime() - now);
  const days = Math.floor(left / 86_400_000);
  const hours = Math.floor((left % 86_400_000) / 3_600_000);
  const minutes = Math.floor((left % 3_600_000) / 60_000);
  return (
    <p className="muted" data-testid="countdown">
      {t("campaign.ends", { date: date(endsAt) })} ·{" "}
      <time dateTime={`P${days}DT${hours}H${minutes}M`}>
        {left === 0 ? t("resident.countdown.ended") : t("resident.countdown.left", { days, hours, minutes })}
      </time>
    </p>
  );
}
