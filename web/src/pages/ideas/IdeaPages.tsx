import { useTranslation } from "react-i18next";
import { match } from "../../router";
import { BoxPage } from "./BoxPage";
import { IdeaBoxes } from "./IdeaBoxes";
import { IdeaPage } from "./IdeaPage";
import { Moderation } from "./Moderation";
import { SubmitIdea } from "./SubmitIdea";
import "./ideas.css";

// The idea-box pages under /ideas, loaded on their own (App imports this module lazily).

export default function IdeaPages({ path }: { path: string }) {
  const { t } = useTranslation();
  let params: Record<string, string> | null;
  if (path === "/ideas") return <IdeaBoxes />;
  if (path === "/ideas/moderation") return <Moderation />;
  if ((params = match("/ideas/boxes/:id", path))) return <BoxPage key={params.id} id={params.id} />;
  if ((params = match("/ideas/boxes/:id/new", path))) return <SubmitIdea key={params.id} boxId={params.id} />;
  if ((params = match("/ideas/:id", path))) return <IdeaPage key={params.id} id={params.id} />;
  return <p>{t("notFound")}</p>;
}
