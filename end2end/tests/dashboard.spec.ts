import { test, expect, type Page } from "@playwright/test";
import { demoSession, freshAddress, takeCommunityTicket, watchConsole } from "./support";

const EVENT = "data-engineering-forum";

/** The “Sold” cell of the table's “Community” row. */
function communitySold(page: Page) {
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Community", exact: true }) });
  return row.getByRole("cell").first();
}

async function openDashboard(page: Page) {
  await page.goto(`/manage/convene-demo/events/${EVENT}`);
  await page.getByRole("link", { name: "Dashboard", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Registration dashboard", level: 1 })).toBeVisible();
}

test("the dashboard counts a ticket sold while it is open, by itself (with JavaScript)", async ({ browser }) => {
  const organizer = await demoSession(browser, "organizer");
  const errors = watchConsole(organizer);
  await openDashboard(organizer);
  await expect(organizer.getByRole("img", { name: /^Seats of each ticket type: .*Community \d+/ })).toBeVisible();
  const before = Number(await communitySold(organizer).textContent());
  const counted = await organizer.getByText(/^Counted at /).filter({ visible: true }).textContent();

  await takeCommunityTicket(browser, "Mary Jackson", freshAddress("mary"));
  // Not touched: the page loads itself again within ten seconds.
  await expect(communitySold(organizer)).toHaveText(String(before + 1), { timeout: 20_000 });
  await expect(organizer.getByText(/^Counted at /).filter({ visible: true })).not.toHaveText(counted ?? "");
  await expect(organizer.getByRole("img", { name: new RegExp(`Community ${before + 1} `) })).toBeVisible();
  expect(errors).toEqual([]);
  await organizer.context().close();
});

test("the dashboard shows its figures and table without JavaScript", async ({ browser }) => {
  const organizer = await demoSession(browser, "organizer", false);
  await openDashboard(organizer);
  const figures = organizer.getByRole("region", { name: "Registration" });
  await expect(figures.getByRole("term")).toHaveText(["Sold", "Waiting for payment", "In the waitlists", "Checked in", "Inside now"]);
  await expect(communitySold(organizer)).toHaveText(/^\d+$/);
  await expect(organizer.getByRole("table", { name: "Seats per ticket type" })).toBeVisible();
  // A page that changes by itself can be stopped, and started again.
  await organizer.getByRole("link", { name: "Pause the updates" }).click();
  await expect(organizer.getByText(/updates are paused\.$/)).toBeVisible();
  await organizer.getByRole("link", { name: "Resume the updates" }).click();
  await expect(organizer.getByText(/counts again every 10 seconds\.$/)).toBeVisible();
  await organizer.context().close();
});
