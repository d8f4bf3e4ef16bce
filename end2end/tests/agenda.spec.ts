import { test, expect, type Browser, type Page } from "@playwright/test";
import { demoAccount, logIn, watchConsole } from "./support";

async function signedIn(browser: Browser, role: "organizer" | "attendee") {
  const context = await browser.newContext();
  const page = await context.newPage();
  const { email, password } = demoAccount(role);
  await logIn(page, email, password);
  return { context, page };
}

/** Creates a draft through the workspace form; its editor is open afterwards. */
async function createEvent(page: Page, title: string) {
  await page.goto("/manage/convene-demo");
  await page.getByRole("link", { name: "New event" }).click();
  await page.locator("#event-title").fill(title);
  await page.locator("#event-summary").fill("Made in the browser test.");
  await page.locator("#event-starts_local").fill("2031-05-05T09:00");
  await page.locator("#event-ends_local").fill("2031-05-06T18:00");
  await page.locator("#event-time_zone").fill("Europe/Berlin");
  await page.locator("#event-venue").fill("Kulturbrauerei, Berlin");
  await page.getByRole("button", { name: "Create the draft" }).click();
  await expect(page.getByText("Draft created.")).toBeVisible();
}

async function addSession(page: Page, title: string, start: string, end: string, room: string) {
  await page.getByText("Add a session").click();
  await page.locator("#new-session-title").fill(title);
  await page.locator("#new-session-starts_local").fill(start);
  await page.locator("#new-session-ends_local").fill(end);
  await page.locator("#new-session-room").selectOption({ label: room });
  await page.getByRole("button", { name: "Add the session" }).click();
  await expect(page.getByText("Session saved.")).toBeVisible();
}

test("an organizer builds an agenda that an attendee filters, stars, exports and joins", async ({ browser }) => {
  const organizer = await signedIn(browser, "organizer");
  const errors = watchConsole(organizer.page);
  const page = organizer.page;
  const title = `Browser Summit ${Date.now()}`;
  await createEvent(page, title);
  const editorUrl = page.url().split("?")[0];
  const slug = editorUrl.split("/").pop() as string;

  for (const room of ["Hall A", "Hall B"]) {
    await page.locator("#add_room-room").fill(room);
    await page.locator('form[action="/api/add_room"]').getByRole("button", { name: "Add" }).click();
    await expect(page.getByText("Room added.")).toBeVisible();
  }

  const speakers = ["Ada Browser", "Grace Browser", "Linus Browser"];
  for (const name of speakers) {
    await page.goto("/manage/convene-demo/speakers");
    await page.locator("#speaker-name").fill(name);
    await page.locator("#speaker-headline").fill("Engineer");
    await page.getByRole("button", { name: "Add the speaker" }).click();
    await expect(page.getByText("Saved.")).toBeVisible();
  }

  await page.goto(editorUrl);
  await addSession(page, "Opening", "2031-05-05T09:00", "2031-05-05T09:45", "Hall A");
  await addSession(page, "Async deep dive", "2031-05-05T10:00", "2031-05-05T11:00", "Hall A");
  await addSession(page, "Traits in practice", "2031-05-05T10:00", "2031-05-05T11:00", "Hall B");
  await addSession(page, "Embedded Rust", "2031-05-06T10:00", "2031-05-06T11:00", "Hall B");
  // Same room, same time as "Async deep dive": saved, with a warning.
  await addSession(page, "Clashing talk", "2031-05-05T10:30", "2031-05-05T11:15", "Hall A");
  await expect(page.getByRole("heading", { name: "Check the agenda" })).toBeVisible();
  await expect(page.getByText("Hall A holds “Async deep dive” and “Clashing talk” at the same time.")).toBeVisible();

  const asyncSession = page.locator("li[id^=session-]", { hasText: "Async deep dive" }).first();
  await asyncSession.locator("select[name=speaker]").selectOption({ label: "Grace Browser" });
  await asyncSession.getByRole("button", { name: "Add speaker" }).click();
  await expect(page.getByText("Speakers updated.")).toBeVisible();

  await page.getByRole("button", { name: "Publish now" }).click();
  await expect(page.getByText("Status changed.")).toBeVisible();
  expect(errors).toEqual([]);

  // An attendee, in another browser.
  const attendee = await signedIn(browser, "attendee");
  const visitor = attendee.page;
  const visitorErrors = watchConsole(visitor);
  await visitor.goto(`/e/${slug}`);
  await expect(visitor.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await visitor.getByRole("link", { name: "Schedule" }).click();
  await expect(visitor.getByText("Embedded Rust")).toBeVisible();
  await visitor.getByLabel("Room").selectOption({ label: "Hall A" });
  await visitor.getByRole("button", { name: "Filter" }).click();
  await expect(visitor.getByRole("link", { name: "Embedded Rust" })).toHaveCount(0);
  await expect(visitor.getByRole("link", { name: "Async deep dive" })).toBeVisible();
  await expect(visitor.getByText("Grace Browser")).toBeVisible();

  const row = visitor.locator("li[id^=session-]", { hasText: "Async deep dive" });
  await row.getByRole("button", { name: "Add “Async deep dive” to my agenda" }).click();
  await expect(visitor.getByRole("button", { name: "Remove “Async deep dive” from my agenda" })).toBeVisible();

  const calendar = await visitor.request.get(`/e/${slug}/calendar.ics`);
  expect(calendar.status()).toBe(200);
  const ics = await calendar.text();
  expect(ics).toContain("SUMMARY:Async deep dive");
  expect(ics).toContain("DTSTART:20310505T080000Z");

  await visitor.goto(`/e/${slug}`);
  await visitor.getByRole("button", { name: "Join" }).click();
  await expect(visitor.getByText("You are registered. See you there!")).toBeVisible();
  await expect(visitor.getByText("You're going.")).toBeVisible();
  expect(visitorErrors).toEqual([]);
  await organizer.context.close();
  await attendee.context.close();
});

test("the schedule filters and the session pages work without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/e/rust-summit/schedule");
  await expect(page.getByRole("link", { name: "Async Rust without the tears", exact: true })).toBeVisible();
  await page.getByLabel("Search").fill("borrow checker");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/q=borrow\+checker/);
  await expect(page.getByRole("link", { name: "Inside the borrow checker", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Async Rust without the tears", exact: true })).toHaveCount(0);
  await page.getByRole("link", { name: "Inside the borrow checker", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Inside the borrow checker" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Hana Kim" })).toBeVisible();
  await page.getByRole("link", { name: "Hana Kim" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hana Kim" })).toBeVisible();
  await context.close();
});

test("no script in an event description ever runs", async ({ browser }) => {
  const organizer = await signedIn(browser, "organizer");
  const page = organizer.page;
  const title = `XSS Corpus ${Date.now()}`;
  await createEvent(page, title);
  const corpus = [
    "<script>window.__xss = 1</script>",
    '<img src="x" onerror="window.__xss = 2">',
    '<svg onload="window.__xss = 3"></svg>',
    '<a href="javascript:window.__xss = 4">link</a>',
    "[markdown link](javascript:window.__xss=5)",
    '<iframe src="javascript:window.parent.__xss = 6"></iframe>',
    '<details open ontoggle="window.__xss = 7">x</details>',
    '<div style="background:url(javascript:window.__xss=8)">styled</div>',
    "</div><script>window.__xss = 9</script>",
    "**Still bold** after all that.",
  ].join("\n\n");
  await page.locator("#event-description").fill(corpus);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await page.getByRole("button", { name: "Publish now" }).click();
  await expect(page.getByText("Status changed.")).toBeVisible();
  const slug = page.url().split("?")[0].split("/").pop() as string;

  const visitor = await browser.newContext();
  const reader = await visitor.newPage();
  let dialogs = 0;
  reader.on("dialog", (d) => {
    dialogs += 1;
    void d.dismiss();
  });
  await reader.goto(`/e/${slug}`);
  await expect(reader.getByText("Still bold")).toBeVisible();
  await reader.waitForTimeout(500);
  expect(await reader.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(dialogs).toBe(0);
  const hrefs = await reader.locator(".prose a").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  expect(hrefs.filter((h) => h.toLowerCase().includes("javascript"))).toEqual([]);
  await visitor.close();
  await organizer.context.close();
});

test("an attendee who is not signed in is asked to sign in to join", async ({ page }) => {
  await page.goto("/e/rust-summit");
  await page.getByRole("link", { name: "Sign in to join" }).click();
  await expect(page).toHaveURL(/\/login\?next=\/e\/rust-summit$/);
});
