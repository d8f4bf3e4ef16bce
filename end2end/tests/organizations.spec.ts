import { test, expect, type Browser } from "@playwright/test";
import { demoAccount, freshAddress, lastMailTo, linkIn, logIn, watchConsole } from "./support";

async function signedIn(browser: Browser, role: "admin" | "organizer" | "attendee") {
  const context = await browser.newContext();
  const page = await context.newPage();
  const { email, password } = demoAccount(role);
  await logIn(page, email, password);
  return { context, page, email };
}

test("an admin deactivates an attendee who is signed in elsewhere", async ({ browser }) => {
  const attendee = await signedIn(browser, "attendee");
  const admin = await signedIn(browser, "admin");
  const errors = watchConsole(admin.page);

  await admin.page.goto("/admin?q=attendee");
  // The console is plain HTML (no WebAssembly): every button posts and reloads the page.
  await admin.page.getByRole("link", { name: "Ari Attendee" }).click();
  await admin.page.getByRole("button", { name: "Deactivate" }).click();
  await expect(admin.page.getByText("Account deactivated and signed out everywhere.")).toBeVisible();

  // The attendee's very next request is signed out.
  await attendee.page.goto("/account");
  await expect(attendee.page.getByText("Please log in to see this page.")).toBeVisible();

  await admin.page.getByRole("button", { name: "Reactivate" }).click();
  await expect(admin.page.getByText("Account reactivated.")).toBeVisible();
  await admin.page.goto("/admin/audit");
  await expect(admin.page.getByText("account.deactivated").first()).toBeVisible();
  expect(errors).toEqual([]);
  await attendee.context.close();
  await admin.context.close();
});

test("an owner invites an organizer who accepts", async ({ browser }) => {
  const owner = await signedIn(browser, "organizer");
  const errors = watchConsole(owner.page);
  const invited = freshAddress("olu");
  await owner.page.goto("/manage/convene-demo");
  await owner.page.getByLabel("Email").fill(invited);
  await owner.page.getByRole("button", { name: "Send invitation" }).click();
  await expect(owner.page.getByText("Invitation sent. The link works for 7 days.")).toBeVisible();
  await expect(owner.page.getByText(`${invited} as organizer`)).toBeVisible();

  const newcomer = await browser.newContext();
  const page = await newcomer.newPage();
  await page.goto(linkIn(lastMailTo(invited), "/invitations"));
  await expect(page.getByText("Join Convene Demo as organizer.")).toBeVisible();
  await page.getByLabel("Your name").fill("Olu Newcomer");
  await page.getByLabel("Password").fill("violet kettle drums");
  await page.getByRole("button", { name: "Accept the invitation" }).click();
  await expect(page).toHaveURL(/\/manage\/convene-demo\?done=joined$/);
  await expect(page.getByText("You are organizer here.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  expect(errors).toEqual([]);
  await owner.context.close();
  await newcomer.close();
});

test("an organizer cannot open another organization's workspace", async ({ browser }) => {
  const admin = await signedIn(browser, "admin");
  const slug = `other-${Date.now()}`;
  await admin.page.goto("/admin/organizations");
  await admin.page.getByLabel("Name").fill("Other Org");
  await admin.page.getByLabel("Address (slug)").fill(slug);
  await admin.page.getByLabel("Owner's email").fill(demoAccount("attendee").email);
  await admin.page.getByRole("button", { name: "Create" }).click();
  await expect(admin.page.getByText("Organization created.")).toBeVisible();

  const organizer = await signedIn(browser, "organizer");
  const response = await organizer.page.goto(`/manage/${slug}`);
  expect(response?.status()).toBe(404);
  await expect(organizer.page.getByText("We could not find that organization.")).toBeVisible();
  const own = await organizer.page.goto("/manage/convene-demo");
  expect(own?.status()).toBe(200);
  await admin.context.close();
  await organizer.context.close();
});
