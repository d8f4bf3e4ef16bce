import { test, expect, type Browser, type Page } from "@playwright/test";
import { demoAccount, logIn, waitForHydration, watchConsole } from "./support";

const FEED = "/e/rust-summit/feed";

async function signedIn(browser: Browser, role: "organizer" | "attendee", javaScript = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: javaScript });
  const page = await context.newPage();
  const { email, password } = demoAccount(role);
  await logIn(page, email, password);
  return page;
}

/** The feed, hydrated and connected to its live stream. */
async function openFeed(page: Page) {
  const connected = page.waitForResponse((r) => r.url().endsWith(`${FEED}/live`));
  await page.goto(FEED);
  await waitForHydration(page);
  await connected;
}

function postCard(page: Page, text: string) {
  return page.locator("li[data-post]", { hasText: text });
}

test("a post, a like and a moderator's hide reach the other reader live", async ({ browser }) => {
  const attendee = await signedIn(browser, "attendee");
  const organizer = await signedIn(browser, "organizer");
  const errors = [watchConsole(attendee), watchConsole(organizer)];
  await openFeed(attendee);
  await openFeed(organizer);
  // Marks the organizer's page: a reload would lose it.
  await organizer.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  const text = `Live from the attendee ${Date.now()}`;
  await attendee.getByLabel("Write a post").fill(text);
  await attendee.getByRole("button", { name: "Post", exact: true }).click();
  await expect(attendee.getByText("Posted.")).toBeVisible();
  await expect(postCard(organizer, text)).toBeVisible({ timeout: 5_000 });
  expect(await organizer.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

  // The organizer likes it: at once on their page, live on the attendee's.
  await openFeed(attendee);
  await postCard(organizer, text).getByRole("button", { name: /like/ }).click();
  await expect(postCard(organizer, text).getByRole("button", { name: /1 like/ })).toHaveAttribute("aria-pressed", "true");
  await expect(postCard(attendee, text).getByText("1 like")).toBeVisible({ timeout: 5_000 });

  // The organizer hides it: it vanishes from the attendee's page without a reload.
  await attendee.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  await postCard(organizer, text).getByRole("button", { name: "Hide", exact: true }).click();
  await expect(postCard(organizer, text).getByText("Hidden from readers")).toBeVisible();
  await expect(postCard(attendee, text)).toHaveCount(0, { timeout: 5_000 });
  expect(await attendee.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  for (const list of errors) expect(list).toEqual([]);
});

test("a comment arrives live without disturbing what the reader is typing", async ({ browser }) => {
  const attendee = await signedIn(browser, "attendee");
  const organizer = await signedIn(browser, "organizer");
  const errors = [watchConsole(attendee), watchConsole(organizer)];
  const text = `Typing under a live post ${Date.now()}`;
  await organizer.goto(FEED);
  await organizer.getByLabel("Write a post").fill(text);
  await organizer.getByRole("button", { name: "Post", exact: true }).click();
  await expect(organizer.getByText("Posted.")).toBeVisible();

  await openFeed(attendee);
  const draft = postCard(attendee, text).getByLabel("Comment");
  await draft.fill("Half a thought");
  await postCard(organizer, text).getByLabel("Comment").fill("Welcome, everyone");
  await postCard(organizer, text).getByRole("button", { name: "Comment" }).click();
  await expect(postCard(attendee, text).getByText("Welcome, everyone")).toBeVisible({ timeout: 5_000 });
  await expect(postCard(attendee, text).getByRole("link", { name: "1 comment" })).toBeVisible();
  await expect(draft).toHaveValue("Half a thought");
  for (const list of errors) expect(list).toEqual([]);
});

test("a refused like is rolled back", async ({ browser }) => {
  const attendee = await signedIn(browser, "attendee");
  await openFeed(attendee);
  const card = attendee.locator("#feed-posts li[data-post]").first();
  const button = card.getByRole("button", { name: /like/ });
  const before = await button.textContent();
  // The server refuses: the session ends behind the page's back.
  await attendee.context().clearCookies();
  await button.click();
  await expect(attendee.getByText("Please sign in to continue.")).toBeVisible();
  await expect(button).toHaveText(before ?? "");
});

test("Load more adds the next posts to the page", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  // The feed's island, not just the header's: it is lazy and hydrates after its chunks load.
  await openFeed(page);
  await expect(page.locator("#feed-posts li[data-post]")).toHaveCount(20);
  await page.getByRole("link", { name: "Load more" }).click();
  await expect(page.locator("#feed-posts li[data-post]")).not.toHaveCount(20);
  expect(page.url()).toMatch(/\/feed$/);
});

test("without JavaScript the feed is readable and one can post, comment and see why a post is refused", async ({ browser }) => {
  const page = await signedIn(browser, "attendee", false);
  await page.goto(FEED);
  await expect(page.getByText("Welcome to Rust Summit!")).toBeVisible();

  await page.getByLabel("Write a post").fill("   ");
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(page.getByText("write something to post")).toBeVisible();

  const text = `Posted without scripts ${Date.now()}`;
  await page.getByLabel("Write a post").fill(text);
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(postCard(page, text)).toBeVisible();

  await postCard(page, text).getByLabel("Comment").fill("And a comment, too");
  await postCard(page, text).getByRole("button", { name: "Comment" }).click();
  await expect(postCard(page, text).getByText("And a comment, too")).toBeVisible();

  await page.getByRole("link", { name: "Load more" }).click();
  await expect(page).toHaveURL(/before=\d+/);
  await expect(page.locator("#feed-posts li[data-post]").first()).toBeVisible();
});
