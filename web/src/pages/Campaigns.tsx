import { useState } from "react";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { CampaignsQuery } from "../documents";
import { CampaignCategoriesQuery } from "./resident/documents";
import type { CampaignCategory, CampaignStatus, FinancingMode } from "../gql/graphql";
import { CampaignCard, Failure, Loading } from "./common";

const pageSize = 12;

interface Filter {
  status: CampaignStatus | null;
  mode: FinancingMode | null;
  /** "CULTURAL", or "TENANT_DEFINED:sport" for one of the tenant's own. */
  category: string;
}

const statuses: readonly CampaignStatus[] = ["LIVE", "SUCCEEDED", "FAILED", "PAID_OUT", "REFUNDED"];
const modes: readonly FinancingMode[] = ["DONATION", "LOAN", "EQUITY"];

function variables(filter: Filter) {
  const [category, custom] = filter.category.split(":");
  return {
    status: filter.status,
    mode: filter.mode,
    category: (category || null) as CampaignCategory | null,
    customCategory: custom ?? null,
  };
}

/** One page of campaigns, by the API's cursor; "more" appends the next page. */
function Page({ after, last, filter, onMore }: { after: string | null; last: boolean; filter: Filter; onMore: (cursor: string) => void }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: CampaignsQuery, variables: { first: pageSize, after, ...variables(filter) } });
  if (fetching) return <Loading />;
  if (error) return <Failure error={error} />;
  const page = data!.campaigns;
  return (
    <>
      {after === null && (
        <p role="status" data-testid="campaign-count">{t("resident.filters.count", { count: page.totalCount ?? 0 })}</p>
      )}
      <ul className="cards">{(page.items ?? []).map((c) => c && <CampaignCard key={c.id} campaign={c} />)}</ul>
      {last && page.pageInfo.hasNextPage && page.pageInfo.endCursor && (
        <button type="button" onClick={() => onMore(page.pageInfo.endCursor!)}>{t("campaign.more")}</button>
      )}
    </>
  );
}

function Filters({ filter, onChange }: { filter: Filter; onChange: (filter: Filter) => void }) {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: CampaignCategoriesQuery });
  return (
    <form className="filters" aria-label={t("resident.filters.title")} onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="filter-category">{t("resident.filters.category")}</label>
        <select id="filter-category" value={filter.category} onChange={(e) => onChange({ ...filter, category: e.target.value })}>
          <option value="">{t("resident.filters.all")}</option>
          {(data?.campaignCategories ?? []).map((c) => {
            const value = c.customCategory ? `${c.category}:${c.customCategory}` : c.category;
            return <option key={value} value={value}>{c.label}</option>;
          })}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-mode">{t("resident.filters.mode")}</label>
        <select id="filter-mode" value={filter.mode ?? ""} onChange={(e) => onChange({ ...filter, mode: (e.target.value || null) as FinancingMode | null })}>
          <option value="">{t("resident.filters.all")}</option>
          {modes.map((m) => <option key={m} value={m}>{t(`resident.mode.${m}`)}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-status">{t("resident.filters.status")}</label>
        <select id="filter-status" value={filter.status ?? ""} onChange={(e) => onChange({ ...filter, status: (e.target.value || null) as CampaignStatus | null })}>
          <option value="">{t("resident.filters.all")}</option>
          {statuses.map((s) => <option key={s} value={s}>{t(`campaign.status.${s}`, s)}</option>)}
        </select>
      </div>
    </form>
  );
}

export function Campaigns() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>({ status: null, mode: null, category: "" });
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const change = (next: Filter) => {
    setFilter(next);
    setCursors([null]);
  };
  const key = JSON.stringify(filter);
  return (
    <>
      <h1>{t("nav.campaigns")}</h1>
      <Filters filter={filter} onChange={change} />
      {cursors.map((after, i) => (
        <Page key={`${key}-${after ?? "first"}`} after={after} filter={filter} last={i === cursors.length - 1} onMore={(c) => setCursors([...cursors, c])} />
      ))}
    </>
  );
}
