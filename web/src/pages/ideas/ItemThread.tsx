import "./ideas.css";
import { Comments, type CommentTarget } from "./Comments";
import { useViewer } from "../../viewer";

// The idea page's comment thread on a campaign's page or a vote's project page, loaded on demand (as the idea pages
// are): those pages import this module lazily, so the first page's JavaScript does not grow with it.
export default function ItemThread({ target }: { target: CommentTarget }) {
  const { viewer } = useViewer();
  return <Comments target={target} me={viewer} />;
}
