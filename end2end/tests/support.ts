import fs from "node:fs";
import path from "node:path";
import { expect, type Browser, type Page } from "@playwright/test";

// The server's data directory (set in playwright.config.ts): its mail folder and the demo
// passwords printed by `convene seed`.
const dataDir = process.env.E2E_DATA_DIR ?? path.resolve(__dirname, "..", ".e2e-data");

/** The public page types, as a visitor reaches them. */
export const PUBLIC_PAGES = [
  "/",
  "/events",
  "/e/rust-summit",
  "/e/rust-summit/schedule",
  "/e/rust-summit/speakers",
  "/e/rust-summit/feed",
  "/login",
  "/signup",
  "/forgot-password",
];

/** Collects console errors and uncaught exceptions; tests assert the list stays empty. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(String(err)));
  return errors;
}

/** Hydration is done when the theme button, hidden until the wasm runs, becomes visible. */
export async function waitForHydration(page: Page) {
  await expect(page.getByRole("button", { name: "Switch between light and dark theme" })).toBeVisible();
}

/** The demo account of `role`, as `convene seed` printed it. */
export function demoAccount(role: "admin" | "organizer" | "attendee"): { email: string; password: string } {
  const printed = fs.readFileSync(path.join(dataDir, "seed.txt"), "utf8");
  const line = printed.split("\n").find((l) => l.trim().startsWith(role + " "));
  if (!line) throw new Error(`no ${role} in seed output:\n${printed}`);
  const [, email, password] = line.trim().split(/\s+/);
  return { email, password };
}

/** The newest message to `address` in the development mail folder, decoded. */
export function lastMailTo(address: string): string {
  const dir = path.join(dataDir, "mail");
  const messages = fs
    .readdirSync(dir)
    .map((name) => path.join(dir, name))
    .map((file) => ({ file, mtime: fs.statSync(file).mtimeMs, text: decode(fs.readFileSync(file, "utf8")) }))
    .filter((m) => m.text.includes(`To: ${address}`))
    .sort((a, b) => a.mtime - b.mtime);
  if (messages.length === 0) throw new Error(`no mail to ${address}`);
  return messages[messages.length - 1].text;
}

function decode(quotedPrintable: string): string {
  return quotedPrintable
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}

/** The path and query of the first link to `pathname` in a message. */
export function linkIn(message: string, pathname: string): string {
  const match = message.match(new RegExp(`https?://[^/\\s]+(${pathname}\\?token=[0-9a-f]{64})`));
  if (!match) throw new Error(`no ${pathname} link in:\n${message}`);
  return match[1];
}

/** Signs in through the login page (hydrated when JavaScript is on). */
export async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await waitForHydration(page).catch(() => undefined);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  // The account page is a server-rendered document: wait for it to be loaded, not just routed.
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
}

/** A page in a browser context of its own, signed in as the demo account of `role`. */
export async function demoSession(
  browser: Browser,
  role: "admin" | "organizer" | "attendee",
  javaScriptEnabled = true,
): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const { email, password } = demoAccount(role);
  await logIn(page, email, password);
  return page;
}

/** A fresh address, so journeys can run again on the same server. */
export function freshAddress(name: string): string {
  return `${name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
}

/** In a context of its own, `name` (at `address`) takes one free “Community” ticket of the
 * demo's Data Engineering Forum, vegetarian. */
export async function takeCommunityTicket(browser: Browser, name: string, address: string, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await page.goto("/e/data-engineering-forum/register");
  await page.getByLabel("Number of “Community” tickets").selectOption("1");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Attendee name").fill(name);
  await page.getByLabel("Attendee email").fill(address);
  await page.getByLabel("Vegetarian").check();
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Your email").fill(address);
  await page.getByRole("button", { name: "Get the tickets" }).click();
  await expect(page.getByRole("heading", { name: "You have your tickets", level: 1 })).toBeVisible();
  await context.close();
}
