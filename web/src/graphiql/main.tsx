import { createRoot } from "react-dom/client";
import { useMemo, useState, type FormEvent } from "react";
import { GraphiQL } from "graphiql";
import "graphiql/setup-workers/vite";
import "graphiql/style.css";
import "./graphiql.css";
import fr from "../locales/staff/fr.json";
import en from "../locales/staff/en.json";
import { createFetcher, type Connection } from "./fetcher";

// The developers' GraphiQL, served by the API host at /graphql to a browser (Accept: text/html). It is its own
// Vite entry (graphiql.html): none of it loads with the site's first page.

const development = document.querySelector('meta[name="civic-environment"]')?.getAttribute("content") === "Development";
const lang = navigator.language.toLowerCase().startsWith("fr") ? "fr" : "en";
const messages = (lang === "fr" ? fr : en).staff.graphiql;
document.documentElement.lang = lang;

const stored = (key: string) => sessionStorage.getItem(`civic.graphiql.${key}`) ?? "";

function Explorer() {
  const [connection, setConnection] = useState<Connection>({ tenant: stored("tenant"), token: development ? stored("token") : "" });
  const [draft, setDraft] = useState(connection);
  const fetcher = useMemo(() => createFetcher(connection), [connection]);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    sessionStorage.setItem("civic.graphiql.tenant", draft.tenant);
    if (development) sessionStorage.setItem("civic.graphiql.token", draft.token);
    setConnection({ ...draft });
  };
  return (
    <div className="civic-graphiql">
      <header>
        <h1>{messages.title}</h1>
        <form onSubmit={apply}>
          <label>
            {messages.tenant}
            <input name="tenant" value={draft.tenant} onChange={(e) => setDraft({ ...draft, tenant: e.target.value })} placeholder={messages.tenantPlaceholder}
              spellCheck={false} autoComplete="off" aria-describedby="tenant-hint" />
          </label>
          {development && (
            <label>
              {messages.token}
              <input name="token" value={draft.token} onChange={(e) => setDraft({ ...draft, token: e.target.value })} placeholder={messages.tokenPlaceholder}
                spellCheck={false} autoComplete="off" type="password" />
            </label>
          )}
          <button type="submit">{messages.apply}</button>
        </form>
        <span id="tenant-hint" className="hint">{messages.tenantHint}</span>
      </header>
      <main className="ide">
        {/* A new key when the tenant or token changes: GraphiQL fetches that tenant's schema (and its docs) again. */}
        <GraphiQL key={`${connection.tenant}|${connection.token}`} fetcher={fetcher} defaultQuery={messages.defaultQuery} />
      </main>
    </div>
  );
}

createRoot(document.getElementById("graphiql")!).render(<Explorer />);
