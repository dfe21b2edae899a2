// An admin changes the tenant's branding (see harness.mjs): node e2e/branding.mjs CONFIG.json. CONFIG names origin (the
// tenant's own host, http://<host>:<port>), adminToken, newName, newPrimary, screenshots. The preview follows
// the form as the admin types, a refused logo is marked on its field, Save changes the site at once, and a reload of
// the home page shows the new name and colour.
import { startJourney } from "./harness.mjs";

const { config, newPage, visit, step, finish, text } = await startJourney(process.argv[2]);
const page = await newPage({ baseURL: config.origin });
const rootPrimary = () => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--civic-primary").trim());
const previewPrimary = () => page.getByTestId("branding-preview").evaluate((e) => getComputedStyle(e).getPropertyValue("--civic-primary").trim());

await step("opensTheBrandingPage", async () => {
  // The sign-in page offers the development-token field on 127.0.0.1 only, and this tenant has a host of its own: the
  // token goes where that field puts it (the tab's session storage, src/auth.ts), then the admin opens the page.
  await page.goto("/");
  await page.evaluate((token) => sessionStorage.setItem("civic.token", token), config.adminToken);
  await page.goto("/staff/branding");
  await page.getByRole("heading", { level: 1, name: "Identité visuelle" }).waitFor();
  const name = await page.getByLabel("Nom affiché").inputValue();
  await visit(page, "branding-form");
  return { name, site: await text(page.locator("header.site .name")) };
});

await step("previewFollowsTyping", async () => {
  // By keyboard only: the name field, then Tab to the logo and the primary colour.
  await page.getByLabel("Nom affiché").focus();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(config.newName);
  await page.keyboard.press("Tab");
  await page.keyboard.type("http://images.example/logo.svg");
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => document.activeElement?.id);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(config.newPrimary);
  const preview = page.getByTestId("branding-preview");
  await preview.getByText(config.newName, { exact: true }).waitFor();
  return {
    focused,
    previewName: await text(preview.locator(".preview-name")),
    previewPrimary: await previewPrimary(),
    previewHeader: await preview.locator(".preview-header").evaluate((e) => getComputedStyle(e).backgroundColor),
    siteStill: await rootPrimary(),
  };
});

await step("refusedLogoIsMarkedOnItsField", async () => {
  await page.getByRole("button", { name: "Enregistrer l'identité visuelle" }).click();
  const logo = page.getByLabel("Adresse du logo");
  const error = page.locator("#b-logoUrl-error");
  await error.waitFor();
  const facts = {
    error: await text(error),
    invalid: await logo.getAttribute("aria-invalid"),
    describedBy: await logo.getAttribute("aria-describedby"),
    focused: await page.evaluate(() => document.activeElement?.id),
  };
  await visit(page, "branding-refused-logo");
  await logo.fill("");
  return facts;
});

await step("saveChangesTheSite", async () => {
  await page.getByRole("button", { name: "Enregistrer l'identité visuelle" }).click();
  const saved = page.getByTestId("branding-saved");
  await saved.waitFor();
  await page.locator("header.site .name").filter({ hasText: config.newName }).waitFor();
  const facts = { saved: await text(saved), site: await text(page.locator("header.site .name")), primary: await rootPrimary(), title: await page.title() };
  await visit(page, "branding-saved");
  return facts;
});

await step("reloadedHomeShowsTheNewName", async () => {
  await page.goto("/");
  await page.reload();
  const heading = page.getByRole("heading", { level: 1 }).filter({ hasText: config.newName });
  await heading.waitFor();
  const facts = {
    heading: await text(heading),
    site: await text(page.locator("header.site .name")),
    primary: await rootPrimary(),
    header: await page.evaluate(() => getComputedStyle(document.querySelector("header.site")).backgroundColor),
  };
  await visit(page, "branding-home");
  return facts;
});

await finish();
