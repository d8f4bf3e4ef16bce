import { test, expect, type Page } from "@playwright/test";
import { demoSession, waitForHydration } from "./support";

// Every page type runs under a strict Content-Security-Policy, and runs cleanly: no blocked
// script or resource, no console error, no hydration warning. Pages are visited the way a
// person reaches them, signed out and as each demo role.

type Role = "anonymous" | "attendee" | "organizer" | "admin";

/** Pages of each role; an entry `[list, pattern]` also visits the first link on `list` matching `pattern`. */
const PAGES: Record<Role, (string | [string, RegExp])[]> = {
  anonymous: [
    "/",
    "/events",
    "/e/rust-summit",
    "/e/rust-summit/schedule",
    ["/e/rust-summit/schedule", /\/e\/rust-summit\/sessions\/\d+$/],
    "/e/rust-summit/speakers",
    ["/e/rust-summit/speakers", /\/e\/rust-summit\/speakers\/\d+$/],
    "/e/rust-summit/feed",
    "/login",
    "/signup",
    "/forgot-password",
    "/signup/sent",
    "/verify-email",
    "/reset-password",
    "/no-such-page",
  ],
  attendee: ["/e/rust-summit", "/e/rust-summit/schedule", "/e/rust-summit/feed", "/account"],
  organizer: [
    "/manage",
    "/manage/convene-demo",
    "/manage/convene-demo/new-event",
    "/manage/convene-demo/events/rust-summit",
    "/manage/convene-demo/speakers",
    ["/manage/convene-demo/speakers", /\/manage\/convene-demo\/speakers\/\d+$/],
    "/manage/convene-demo/contacts",
    ["/manage/convene-demo/contacts", /\/manage\/convene-demo\/contacts\/\d+$/],
    "/manage/convene-demo/campaigns",
    ["/manage/convene-demo/campaigns", /\/manage\/convene-demo\/campaigns\/\d+$/],
    ["/manage/convene-demo/campaigns", /\/manage\/convene-demo\/segments\/\d+$/],
    ["/manage/convene-demo/campaigns", /\/manage\/convene-demo\/templates\/\d+$/],
    "/e/rust-summit/feed/reports",
  ],
  admin: [
    "/admin",
    ["/admin", /\/admin\/accounts\/\d+$/],
    "/admin/organizations",
    ["/admin/organizations", /\/admin\/organizations\/\d+$/],
    "/admin/audit",
  ],
};

/** Records what the browser refuses or complains about, in the page before any script runs. */
async function watch(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on("console", (msg) => {
    const text = msg.text();
    // A page answered 404 on purpose is logged as a failed load of the document itself.
    if (msg.location().url === page.url() && text.startsWith("Failed to load resource")) return;
    if (msg.type() === "error" || /hydrat/i.test(text)) problems.push(`console ${msg.type()}: ${text}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error}`));
  await page.exposeFunction("reportViolation", (text: string) => problems.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportViolation: (text: string) => void }).reportViolation;
      report(`CSP refused ${event.blockedURI || "inline"} (${event.violatedDirective})`);
    });
  });
  return problems;
}

async function visit(page: Page, path: string, problems: string[], found: Record<string, string[]>) {
  const response = await page.goto(path);
  const policy = response?.headers()["content-security-policy"] ?? "";
  const scripts = policy.split(";").find((directive) => directive.trim().startsWith("script-src")) ?? "";
  if (!scripts || scripts.includes("unsafe-inline") || !policy.includes("object-src 'none'")) {
    problems.push(`weak policy: ${policy}`);
  }
  await page.waitForLoadState("networkidle");
  // Documents that load the bundle must hydrate; the server-rendered console loads none.
  if ((await page.locator("link[rel=modulepreload]").count()) > 0) {
    await waitForHydration(page);
  }
  if (problems.length > 0) found[path] = problems.splice(0);
}

async function target(page: Page, entry: string | [string, RegExp]): Promise<string> {
  if (typeof entry === "string") return entry;
  const [list, pattern] = entry;
  await page.goto(list);
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h));
  if (!href) throw new Error(`no link matching ${pattern} on ${list}`);
  return href;
}

for (const role of Object.keys(PAGES) as Role[]) {
  test(`every page ${role === "anonymous" ? "signed out" : `of the ${role}`} runs under a strict policy, cleanly`, async ({ browser }) => {
    const page = role === "anonymous" ? await (await browser.newContext()).newPage() : await demoSession(browser, role);
    const problems = await watch(page);
    const found: Record<string, string[]> = {};
    for (const entry of PAGES[role]) {
      const path = await target(page, entry);
      problems.splice(0);
      await visit(page, path, problems, found);
    }
    // Each page with what was refused or reported on it.
    expect(found).toEqual({});
    await page.context().close();
  });
}

test("a script injected into a page does not run", async ({ page }) => {
  const problems = await watch(page);
  // The policy of a real page, applied to a page that smuggles in a script of its own.
  const response = await page.goto("/e/rust-summit");
  const policy = response?.headers()["content-security-policy"];
  expect(policy).toBeTruthy();
  await page.route("**/injected", (route) =>
    route.fulfill({
      contentType: "text/html",
      headers: { "content-security-policy": policy ?? "" },
      body: "<!DOCTYPE html><title>x</title><script>document.title = 'ran'</script>",
    }),
  );
  await page.goto("/injected");
  await expect(page).toHaveTitle("x");
  expect(problems.join("\n")).toContain("CSP refused inline (script-src");
});
