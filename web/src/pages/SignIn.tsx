import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { beginSignIn, completeSignIn, setAccessToken } from "../auth";
import { navigate } from "../router";

export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const back = new URLSearchParams(location.search).get("back") ?? "/";
  const [token, setToken] = useState("");
  const useToken = (event: FormEvent) => {
    event.preventDefault();
    if (!token.trim()) return;
    setAccessToken(token.trim());
    onSignedIn();
    navigate(back.startsWith("/") ? back : "/");
  };
  return (
    <>
      <h1>{t("signIn.title")}</h1>
      <p><button type="button" className="primary" onClick={() => void beginSignIn(back)}>{t("signIn.oidc")}</button></p>
      {import.meta.env.DEV || location.hostname === "127.0.0.1" || location.hostname === "localhost" ? (
        <form onSubmit={useToken} aria-labelledby="dev-title">
          <h2 id="dev-title">{t("signIn.devTitle")}</h2>
          <p className="muted">{t("signIn.devHint")}</p>
          <div className="field">
            <label htmlFor="dev-token">{t("signIn.devToken")}</label>
            <input id="dev-token" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" />
          </div>
          <button type="submit">{t("signIn.useToken")}</button>
        </form>
      ) : null}
    </>
  );
}

// One exchange per page load, however often the effect runs.
let completion: Promise<string> | null = null;

export function Callback({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    completion ??= completeSignIn(location.search);
    completion.then(
      (back) => {
        onSignedIn();
        navigate(back.startsWith("/") ? back : "/", true);
      },
      (error: Error) => setFailure(error.message),
    );
  }, [onSignedIn]);
  return failure ? <p role="alert" className="error">{t("signIn.failed", { message: failure })}</p> : <p role="status">{t("loading")}</p>;
}
