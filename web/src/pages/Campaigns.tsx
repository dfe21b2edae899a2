import { useState } from "react";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { CampaignsQuery } from "../documents";
import { CampaignCard, Failure, Loading } from "./common";

const pageSize = 12;

/** One page of campaigns, by the API's cursor; "more" appends the next page. */
function Page({ after, last, onMore }: { after: string | null; last: boolean; onMore: (cursor: string) => void }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: CampaignsQuery, variables: { first: pageSize, after } });
  if (fetching) return <Loading />;
  if (error) return <Failure error={error} />;
  const page = data!.campaigns;
  return (
    <>
      <ul className="cards">{(page.items ?? []).map((c) => c && <CampaignCard key={c.id} campaign={c} />)}</ul>
      {last && page.pageInfo.hasNextPage && page.pageInfo.endCursor && (
        <button type="button" onClick={() => onMore(page.pageInfo.endCursor!)}>{t("campaign.more")}</button>
      )}
    </>
  );
}

export function Campaigns() {
  const { t } = useTranslation();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return (
    <>
      <h1>{t("nav.campaigns")}</h1>
      {cursors.map((after, i) => (
        <Page key={after ?? "first"} after={after} last={i === cursors.length - 1} onMore={(c) => setCursors([...cursors, c])} />
      ))}
    </>
  );
}
