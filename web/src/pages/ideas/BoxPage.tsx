import { useEffect, useMemo, useState, type FormEvent } from "react";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { date } from "../../format";
import { Link } from "../../router";
import { Failure, Loading } from "../common";
import type { IdeaBoxQuery as BoxData, IdeaOrder, IdeaState } from "../../gql/graphql";
import { IdeaBoxQuery, IdeasQuery } from "./documents";
import { IdeaCard, Live, ideaStates, paths, signedIn } from "./shared";

type Box = NonNullable<BoxData["ideaBox"]>;
type Rule = Box["whoMayPropose"];

const pageSize = 10;
const orders: IdeaOrder[] = ["MOST_SUPPORTED", "NEWEST", "MOST_COMMENTED", "RANDOM"];

interface Filters {
  order: IdeaOrder;
  category: string;
  district: string;
  state: IdeaState | "";
  search: string;
}

function RuleText({ rule }: { rule: Rule }) {
  const { t } = useTranslation();
  const parts = [
    rule.requireVerified ? t("ideas.box.verified") : t("ideas.box.anyMember"),
    rule.minimumAge != null ? t("ideas.box.minimumAge", { age: rule.minimumAge }) : null,
    rule.requireDistrict ? t("ideas.box.districtResidents") : null,
  ].filter(Boolean);
  return <>{parts.join(", ")}</>;
}

function Rules({ box }: { box: Box }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="box-rules">
      <h2 id="box-rules">{t("ideas.box.rules")}</h2>
      <ul>
        <li>{t("ideas.box.whoProposes")} <RuleText rule={box.whoMayPropose} /></li>
        <li>{t("ideas.box.whoSupports")} <RuleText rule={box.whoMaySupport} /></li>
        <li>{t("ideas.box.ideasPerMember", { count: box.ideasPerMember })}</li>
        <li>{box.supportsPerMember != null ? t("ideas.box.supportsPerMember", { count: box.supportsPerMember }) : t("ideas.box.supportsUnlimited")}</li>
        {box.supportsNeeded != null && <li>{t("ideas.box.threshold", { count: box.supportsNeeded, days: box.answerDeadlineDays })}</li>}
        <li>{box.supportsWithdrawable ? t("ideas.box.withdrawable") : t("ideas.box.notWithdrawable")}</li>
      </ul>
    </section>
  );
}

/** One page of the box's ideas; the last page offers the next by its cursor. */
function IdeasPage({ boxId, filters, seed, after, last, onMore, onCount }: {
  boxId: string; filters: Filters; seed: string; after: string | null; last: boolean;
  onMore: (cursor: string) => void; onCount: (count: number) => void;
}) {
  const { t } = useTranslation();
  const variables = {
    boxId, order: filters.order, seed: filters.order === "RANDOM" ? seed : null,
    category: filters.category || null, district: filters.district || null, state: filters.state || null,
    search: filters.search || null, first: pageSize, after,
  };
  const context = useMemo(() => ({ additionalTypenames: ["Idea"] }), []);
  const [{ data, error, fetching }] = useQuery({ query: IdeasQuery, variables, context });
  const items = (data?.ideas.items ?? []).filter((i) => i !== null);
  const count = data ? items.length : -1;
  useEffect(() => {
    if (count >= 0) onCount(count);
  }, [count]); // eslint-disable-line react-hooks/exhaustive-deps
  if (fetching && !data) return <Loading />;
  if (error) return <Failure error={error} />;
  const page = data!.ideas;
  return (
    <>
      <ul className="cards">{items.map((idea) => <IdeaCard key={idea.id} idea={idea} />)}</ul>
      {last && page.pageInfo.hasNextPage && page.pageInfo.endCursor && (
        <button type="button" onClick={() => onMore(page.pageInfo.endCursor!)}>{t("ideas.box.more")}</button>
      )}
    </>
  );
}

function IdeaList({ box }: { box: Box }) {
  const { t } = useTranslation();
  // RANDOM order: one seed per visit of the box, so that its pages do not repeat or skip ideas.
  const [seed] = useState(() => Math.random().toString(36).slice(2, 14));
  const [filters, setFilters] = useState<Filters>({ order: "MOST_SUPPORTED", category: "", district: "", state: "", search: "" });
  const [words, setWords] = useState("");
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [counts, setCounts] = useState<Record<number, number>>({});
  const change = (next: Partial<Filters>) => {
    setFilters({ ...filters, ...next });
    setCursors([null]);
    setCounts({});
  };
  const search = (event: FormEvent) => {
    event.preventDefault();
    change({ search: words.trim() });
  };
  const shown = Object.values(counts).reduce((a, b) => a + b, 0);
  const key = JSON.stringify(filters);
  return (
    <section aria-labelledby="box-ideas">
      <h2 id="box-ideas">{t("ideas.box.ideas")}</h2>
      <form className="idea-filters" onSubmit={search} role="search" aria-label={t("ideas.box.searchLabel")}>
        <div className="field">
          <label htmlFor="idea-search">{t("ideas.box.search")}</label>
          <input id="idea-search" type="search" value={words} maxLength={150} onChange={(e) => setWords(e.target.value)} />
        </div>
        <button type="submit">{t("ideas.box.searchButton")}</button>
      </form>
      <div className="idea-filters">
        <div className="field">
          <label htmlFor="idea-order">{t("ideas.box.order")}</label>
          <select id="idea-order" value={filters.order} onChange={(e) => change({ order: e.target.value as IdeaOrder })}>
            {orders.map((o) => <option key={o} value={o}>{t(`ideas.order.${o}`)}</option>)}
          </select>
        </div>
        {box.categories.length > 0 && (
          <div className="field">
            <label htmlFor="idea-category">{t("ideas.box.category")}</label>
            <select id="idea-category" value={filters.category} onChange={(e) => change({ category: e.target.value })}>
              <option value="">{t("ideas.box.all")}</option>
              {box.categories.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </div>
        )}
        {box.districts.length > 0 && (
          <div className="field">
            <label htmlFor="idea-district">{t("ideas.box.district")}</label>
            <select id="idea-district" value={filters.district} onChange={(e) => change({ district: e.target.value })}>
              <option value="">{t("ideas.box.all")}</option>
              {box.districts.map((d) => <option key={d} value={d}>{d}</option>)}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="idea-state">{t("ideas.box.state")}</label>
          <select id="idea-state" value={filters.state} onChange={(e) => change({ state: e.target.value as IdeaState | "" })}>
            <option value="">{t("ideas.box.all")}</option>
            {ideaStates.map((s) => <option key={s} value={s}>{t(`ideas.state.${s}`)}</option>)}
          </select>
        </div>
      </div>
      <Live>
        <p className="muted" data-testid="ideas-shown">
          {filters.search ? t("ideas.box.shownFor", { count: shown, search: filters.search }) : t("ideas.box.shown", { count: shown })}
        </p>
      </Live>
      {cursors.map((after, i) => (
        <IdeasPage key={`${key}:${after ?? "first"}`} boxId={box.id} filters={filters} seed={seed} after={after}
          last={i === cursors.length - 1} onMore={(c) => setCursors([...cursors, c])}
          onCount={(n) => setCounts((all) => (all[i] === n ? all : { ...all, [i]: n }))} />
      ))}
    </section>
  );
}

/** An idea box: its brief, dates and rules, and its ideas sorted, filtered and searched. */
export function BoxPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: IdeaBoxQuery, variables: { id } });
  if (fetching && !data) return <Loading />;
  if (error) return <Failure error={error} />;
  const box = data?.ideaBox;
  if (!box) return <p>{t("notFound")}</p>;
  return (
    <article>
      <p><Link href={paths.boxes}>{t("ideas.boxes.back")}</Link></p>
      <h1>{box.title}</h1>
      <p><span className="badge">{box.isOpen ? t("ideas.boxes.status.open") : t("ideas.boxes.status.closed")}</span></p>
      <p className="muted">{t("ideas.boxes.dates", { opens: date(box.opensAt), closes: date(box.closesAt) })}</p>
      <div className="story" dangerouslySetInnerHTML={{ __html: box.briefHtml }} />
      {box.isOpen && (signedIn()
        ? <p><Link href={paths.submit(box.id)} className="button primary">{t("ideas.box.propose")}</Link></p>
        : <p><Link href={paths.signIn()}>{t("ideas.box.signInToPropose")}</Link></p>)}
      <Rules box={box} />
      <IdeaList box={box} />
    </article>
  );
}
