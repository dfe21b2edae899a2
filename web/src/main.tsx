import { createRoot } from "react-dom/client";
import { Provider } from "urql";
import "./i18n";
import "./styles.css";
import { client } from "./client";
import { App } from "./App";

createRoot(document.getElementById("root")!).render(
  <Provider value={client}>
    <App />
  </Provider>,
);
