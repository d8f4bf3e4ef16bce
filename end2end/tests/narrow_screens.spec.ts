import { test, expect, type Page } from "@playwright/test";
import { demoSession, PUBLIC_PAGES } from "./support";

// The narrowest phones in use are 360 CSS pixels wide: every page fits without scrolling
// sideways, signed out and signed in, public pages, workspace and console alike.
const PHONE = { width: 360, height: 740 };


async function sessionPage(page: Page): Promise<string> {
  await page.goto("/e/rust-summit/schedule");
  const href = await page.locator("li[id^=session-] a[href*='/sessions/']").first().getAttribute("href");
  if (!href) throw new Error("no session on the schedule");
  return href;
}

/** What sticks out past the right edge, for the failure message. */
async function overflow(page: Page, path: string): Promise<string[]> {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    return Array.from(document.querySelectorAll("body *"))
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${(el.getAttribute("class") ?? "").split(" ").slice(0, 4).join(".")}`);
  });
}

test("public pages fit a 360 px screen", async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  const paths = [...PUBLIC_PAGES, await sessionPage(page)];
  const sideways: Record<string, string[]> = {};
  for (const path of paths) {
    const out = await overflow(page, path);
    if (out.length > 0) sideways[path] = out;
  }
  // Every page that scrolls sideways, with what sticks out.
  expect(sideways).toEqual({});
  await context.close();
});

test("signed-in pages, the workspace and the console fit a 360 px screen", async ({ browser }) => {
  const sideways: Record<string, string[]> = {};
  for (const role of ["attendee", "organizer", "admin"] as const) {
    const page = await demoSession(browser, role);
    await page.setViewportSize(PHONE);
    const paths =
      role === "attendee"
        ? [...PUBLIC_PAGES.slice(0, 6), "/account"]
        : role === "organizer"
          ? ["/manage", "/manage/convene-demo", "/manage/convene-demo/events/rust-summit", "/manage/convene-demo/speakers", "/manage/convene-demo/campaigns"]
          : ["/admin", "/admin/organizations", "/admin/audit"];
    for (const path of paths) {
      const out = await overflow(page, path);
      if (out.length > 0) sideways[`${role} ${path}`] = out;
    }
    await page.context().close();
  }
  expect(sideways).toEqual({});
});
