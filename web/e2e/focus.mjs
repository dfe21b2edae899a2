// The focus ring against what surrounds it (see harness.mjs): node e2e/focus.mjs CONFIG.json (baseUrl, screenshots).
// Tabs through the home page and reads, for the first focused link of the header and of the main area, the ring's
// colour and the background around it, as the browser computes them.
import { startJourney } from "./harness.mjs";

const { newPage, visit, step, finish } = await startJourney(process.argv[2]);

const page = await newPage();

/** The computed outline colour of the focused element and the first opaque background behind it. */
const focusedRing = () => page.evaluate(() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  let around = el.parentElement, background = "rgba(0, 0, 0, 0)";
  while (around && /rgba\(.*, 0\)|transparent/.test(background = getComputedStyle(around).backgroundColor)) around = around.parentElement;
  if (!around) background = "rgb(255, 255, 255)";
  return { in: el.closest("header") ? "header" : el.closest("main") ? "main" : "other", text: el.textContent, outline: style.outlineColor, width: style.outlineWidth, style: style.outlineStyle, background };
});

await step("focusRings", async () => {
  await page.goto("/");
  await page.getByRole("heading", { level: 1 }).waitFor();
  const seen = {};
  for (let i = 0; i < 40 && !(seen.header && seen.main); i++) {
    await page.keyboard.press("Tab");
    const ring = await focusedRing();
    if ((ring.in === "header" || ring.in === "main") && !seen[ring.in]) {
      seen[ring.in] = ring;
      if (ring.in === "main") await visit(page, "focus-ring-main");
    }
  }
  return seen;
});

await finish();
