import type { CombinedError } from "urql";
import { useTranslation } from "react-i18next";

// The API's error codes (errors[].extensions.code) as messages of locales/ideas; an unknown code shows the API's text.

export function errorCode(error: CombinedError | undefined): string | null {
  if (!error) return null;
  const code = error.graphQLErrors[0]?.extensions?.code;
  return typeof code === "string" ? code : error.networkError ? "NETWORK" : null;
}

/** The message of an API error, announced (role="alert"): nothing when there is none. */
export function ApiError({ error }: { error: CombinedError | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  const code = errorCode(error);
  const message = error.graphQLErrors[0]?.message ?? error.message;
  return (
    <p role="alert" className="error">
      {code ? t(`ideas.errors.${code}`, { message, defaultValue: t("ideas.errors.other", { message }) }) : t("ideas.errors.other", { message })}
    </p>
  );
}
