import { test, expect, type Browser, type Page } from "@playwright/test";
import { demoSession, freshAddress, lastMailTo, waitForHydration, watchConsole } from "./support";

const EVENT = "data-engineering-forum";
const CHECK_IN = `/manage/convene-demo/events/${EVENT}/check-in`;

/** A free ticket type of its own and one order of `count` tickets: their codes and names. */
async function freshTickets(browser: Browser, organizer: Page, count: number) {
  const run = `${Date.now()}`.slice(-7);
  const typeName = `Door pass ${run}`;
  await organizer.goto(`/manage/convene-demo/events/${EVENT}/tickets`);
  const form = organizer.getByRole("region", { name: "Add a ticket type" });
  await form.getByLabel("Name").fill(typeName);
  await form.getByLabel("Capacity").fill("20");
  await form.getByRole("button", { name: "Add the ticket type" }).click();
  await expect(organizer.getByText("Saved.")).toBeVisible();

  const buyer = freshAddress("door");
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/e/${EVENT}/register`);
  await page.getByLabel(`Number of “${typeName}” tickets`).selectOption(String(count));
  await page.getByRole("button", { name: "Continue" }).click();
  const names = Array.from({ length: count }, (_, i) => `Guest ${run} ${String.fromCharCode(65 + i)}`);
  for (const [i, name] of names.entries()) {
    const ticket = page.getByRole("group", { name: `Ticket ${i + 1} · ${typeName}` });
    await ticket.getByLabel("Attendee name").fill(name);
    await ticket.getByLabel("Attendee email").fill(buyer);
    await ticket.getByLabel("None", { exact: true }).check();
  }
  await page.getByLabel("Your name").fill(names[0]);
  await page.getByLabel("Your email").fill(buyer);
  await page.getByRole("button", { name: "Get the tickets" }).click();
  let mail = "";
  await expect(async () => {
    mail = lastMailTo(buyer);
    expect(mail.match(/\/tickets\/[A-Z2-7]{16}/g)?.length ?? 0).toBeGreaterThanOrEqual(count);
  }).toPass({ timeout: 15_000 });
  await context.close();
  const codes = [...new Set(mail.match(/\/tickets\/([A-Z2-7]{16})/g)!.map((l) => l.slice(9)))];
  expect(codes).toHaveLength(count);
  // The mail lists the tickets in the order of their attendees.
  return { codes, names, typeName };
}

async function lookUp(page: Page, text: string) {
  await page.getByLabel("Ticket code, QR text or attendee name").fill(text);
  await page.getByRole("button", { name: "Look up" }).click();
}

/** The check-in app, with the door list on the device. */
async function openDoor(page: Page, device: string) {
  await page.goto(CHECK_IN);
  await waitForHydration(page);
  await expect(page.getByText("Online: every check-in of this device is saved")).toBeVisible();
  await page.getByText("This device", { exact: true }).click();
  await page.getByLabel("Device name").fill(device);
  await page.getByLabel("Device name").press("Tab");
}

test("without JavaScript, door staff look a ticket up, check it in and undo it", async ({ browser }) => {
  const organizer = await demoSession(browser, "organizer", false);
  const { codes, names } = await freshTickets(browser, organizer, 1);
  await organizer.goto(CHECK_IN);
  await expect(organizer.getByRole("heading", { name: /^Check-in: / })).toBeVisible();
  await lookUp(organizer, codes[0].toLowerCase());
  await organizer.getByRole("button", { name: `Check in ${names[0]}` }).click();
  const answer = organizer.getByTestId("door-answer");
  await expect(answer).toContainText("Valid: let in");
  await expect(answer).toContainText(names[0]);
  await expect(organizer.getByRole("button", { name: `Check out ${names[0]}` })).toBeVisible();

  await organizer.getByRole("button", { name: `Undo the scan of ${names[0]}` }).click();
  await expect(organizer.getByText(`The scan of ${names[0]} was undone.`)).toBeVisible();
  await organizer.getByRole("button", { name: `Check in ${names[0]}` }).click();
  await expect(answer).toContainText("Valid: let in");
  await lookUp(organizer, codes[0]);
  await expect(answer).toContainText("Already checked in");
  await expect(answer).toContainText("by Olu Organizer's device");

  await lookUp(organizer, "ZZZZZZZZZZZZZZZZ");
  await expect(organizer.getByTestId("door-answer")).toContainText("No such ticket");
});

test("offline, check-ins are answered from the device, kept when the tab closes, and synced", async ({ browser }) => {
  const organizer = await demoSession(browser, "organizer");
  const { codes, names } = await freshTickets(browser, organizer, 4);
  const errors = watchConsole(organizer);
  await openDoor(organizer, "Front door");
  const answer = organizer.getByTestId("door-answer");

  await lookUp(organizer, codes[0]);
  await expect(answer).toContainText("Valid: let in");
  await expect(answer).toContainText(names[0]);
  await expect(organizer.getByText("Every check-in of this device is sent.")).toBeVisible();

  await organizer.context().setOffline(true);
  for (const code of codes.slice(1)) {
    await lookUp(organizer, code);
    await expect(answer).toContainText("Valid: let in");
  }
  await lookUp(organizer, codes[1]);
  await expect(answer).toContainText("Already checked in");
  await expect(organizer.getByText("Offline: 3 check-ins wait on this device")).toBeVisible();
  await expect(organizer.getByText("3 check-ins of this device are not sent yet.")).toBeVisible();

  // The tab closes with the queue on the device; a new one sends it once online.
  const context = organizer.context();
  await organizer.close();
  await context.setOffline(false);
  const again = await context.newPage();
  await again.goto(CHECK_IN);
  await waitForHydration(again);
  await expect(again.getByText("Online: every check-in of this device is saved")).toBeVisible();
  await expect(again.getByText("Every check-in of this device is sent.")).toBeVisible();

  const server = await demoSession(browser, "organizer", false);
  for (const [i, code] of codes.entries()) {
    await server.goto(`${CHECK_IN}?q=${code}`);
    await expect(server.getByRole("button", { name: `Check out ${names[i]}` })).toBeVisible();
  }
  expect(errors).toEqual([]);
});

test("two offline devices let the same ticket in: the second is reported as a double entry", async ({ browser }) => {
  const first = await demoSession(browser, "organizer");
  const second = await demoSession(browser, "organizer");
  const { codes, names } = await freshTickets(browser, first, 1);
  await openDoor(first, "Door A");
  await openDoor(second, "Door B");
  await first.context().setOffline(true);
  await second.context().setOffline(true);
  for (const page of [first, second]) {
    await lookUp(page, codes[0]);
    await expect(page.getByTestId("door-answer")).toContainText("Valid: let in");
  }
  await first.context().setOffline(false);
  await expect(first.getByText("Online: every check-in of this device is saved")).toBeVisible();
  await second.context().setOffline(false);
  const reports = second.getByRole("region", { name: "Sync reports" });
  await expect(reports).toContainText(`Double entry: ${names[0]} was already checked in at`);
  await expect(reports).toContainText("by Door A. The first entry stands.");
});

test("the organizer's note on an order is shown when its ticket is found and let in", async ({ browser }) => {
  // The demo's keynote speaker has a note for the door on her order.
  const organizer = await demoSession(browser, "organizer");
  const errors = watchConsole(organizer);
  await openDoor(organizer, "Speakers' desk");
  await lookUp(organizer, "Margaret Hamilton");
  const found = organizer.getByRole("list", { name: "Tickets found" });
  await expect(found).toContainText("Note: Keynote speaker: badge and lanyard at the desk");
  await organizer.getByRole("button", { name: "Check in Margaret Hamilton" }).click();
  const answer = organizer.getByTestId("door-answer");
  await expect(answer).toContainText("Valid: let in");
  await expect(answer).toContainText("Note: Keynote speaker: badge and lanyard at the desk");
  expect(errors).toEqual([]);
});
