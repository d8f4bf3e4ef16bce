import { test, expect, type Page } from "@playwright/test";
import { demoSession, freshAddress, lastMailTo, watchConsole } from "./support";

const EVENT = "data-engineering-forum";
const TICKETS = `/manage/convene-demo/events/${EVENT}/tickets`;

/** The organizer adds a paid ticket type with five seats; its name, unique to the run. */
async function addTicketType(page: Page, name: string) {
  await page.goto(`/manage/convene-demo/events/${EVENT}`);
  await page.getByRole("link", { name: "Tickets", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Tickets", level: 1 })).toBeVisible();
  const form = page.getByRole("region", { name: "Add a ticket type" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Price").fill("40");
  await form.getByLabel("Capacity").fill("5");
  await form.getByRole("button", { name: "Add the ticket type" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();
}

for (const javaScriptEnabled of [true, false]) {
  const how = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

  test(`a visitor orders two tickets by bank transfer and the organizer sees them sold (${how})`, async ({ browser }) => {
    const name = `Workshop pass ${javaScriptEnabled ? "A" : "B"}${Date.now()}`;
    const buyer = freshAddress("ada");
    const organizer = await demoSession(browser, "organizer", javaScriptEnabled);
    await addTicketType(organizer, name);

    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await page.goto(`/e/${EVENT}`);
    await page.getByRole("link", { name: "Get tickets" }).click();
    await page.getByLabel(`Number of “${name}” tickets`).selectOption("2");
    await page.getByRole("button", { name: "Continue" }).click();

    const first = page.getByRole("group", { name: `Ticket 1 · ${name}` });
    const second = page.getByRole("group", { name: `Ticket 2 · ${name}` });
    await first.getByLabel("Attendee name").fill("Ada Lovelace");
    await first.getByLabel("Attendee email").fill(buyer);
    await second.getByLabel("Attendee name").fill("Charles Babbage");
    await second.getByLabel("Attendee email").fill("charles@example");
    // The forum's questions, asked of each attendee: Ada answers them, Charles forgets his diet.
    await first.getByRole("group", { name: "Diet (required)" }).getByLabel("Vegan", { exact: true }).check();
    await first.getByLabel("Company or organization").fill("Analytical Engines");
    await first.getByLabel(/Share my name, company and address with the exhibitors/).check();
    await page.getByLabel("Your name").fill("Ada Lovelace");
    await page.getByLabel("Your email").fill(buyer);
    await expect(page.getByText("Total: 80.00 EUR")).toBeVisible();
    await page.getByRole("button", { name: "Place the order" }).click();

    // Refused: each problem next to its field, what was typed still there.
    await expect(second.getByText("enter an address like name@example.org")).toBeVisible();
    await expect(page.getByText("choose how you will pay")).toBeVisible();
    await expect(second.getByLabel("Attendee name")).toHaveValue("Charles Babbage");
    await expect(second.getByLabel("Attendee email")).toHaveValue("charles@example");
    await expect(second.getByRole("group", { name: "Diet (required)" }).getByText("choose one")).toBeVisible();
    await expect(first.getByLabel("Vegan", { exact: true })).toBeChecked();
    await expect(first.getByLabel("Company or organization")).toHaveValue("Analytical Engines");
    await expect(first.getByLabel(/Share my name, company and address/)).toBeChecked();
    await second.getByRole("group", { name: "Diet (required)" }).getByLabel("Gluten-free").check();
    await second.getByLabel("Attendee email").fill("charles@example.org");
    await page.getByLabel("Bank transfer").check();
    await page.getByRole("button", { name: "Place the order" }).click();

    await expect(page.getByRole("heading", { name: "Your seats are held" })).toBeVisible();
    await expect(page.getByText("Transfer 80.00 EUR quoting the reference")).toBeVisible();
    await expect(page.getByText("Charles Babbage")).toBeVisible();
    // The answers are on the order's page, each under its ticket.
    const ada = page.getByRole("listitem").filter({ hasText: "Ada Lovelace" });
    await expect(ada.getByRole("definition").filter({ hasText: "Analytical Engines" })).toBeVisible();
    await expect(ada.getByRole("definition").filter({ hasText: "Vegan" })).toBeVisible();
    const charles = page.getByRole("listitem").filter({ hasText: "Charles Babbage" });
    await expect(charles.getByRole("definition").filter({ hasText: "Gluten-free" })).toBeVisible();
    expect(errors).toEqual([]);

    const reference = (await page.locator("dd.font-mono").textContent())?.trim() ?? "";
    await organizer.goto(TICKETS);
    const item = organizer.getByRole("listitem").filter({ has: organizer.getByRole("heading", { name }) });
    await expect(item.getByText("2 of 5 sold")).toBeVisible();

    // The confirmation mail's ticket link opens the ticket, unpaid until the organizer
    // marks the transfer received.
    let mail = "";
    await expect(async () => {
      mail = lastMailTo(buyer);
      expect(mail).toContain(`Your order ${reference}`);
    }).toPass({ timeout: 10_000 });
    const ticketLink = mail.match(/https?:\/\/[^/\s]+(\/tickets\/[A-Z2-7]{16})/)?.[1];
    expect(ticketLink).toBeTruthy();
    await page.goto(ticketLink!);
    await expect(page.getByRole("img", { name: "QR code of the ticket of Ada Lovelace" })).toBeVisible();
    await expect(page.getByText("Not paid yet")).toBeVisible();

    await organizer.getByRole("link", { name: "Orders" }).click();
    await organizer.getByRole("button", { name: `Mark paid (order ${reference})` }).click();
    await expect(organizer.getByText("The order is marked paid; its buyer was told.")).toBeVisible();
    await page.reload();
    await expect(page.getByRole("img", { name: "QR code of the ticket of Ada Lovelace" })).toBeVisible();
    await expect(page.getByText("Not paid yet")).toHaveCount(0);

    // The buyer lost the mail: the organizer sends it again, as the order now is (paid).
    const mailsBefore = mail;
    await organizer.getByRole("button", { name: `Send the tickets again (order ${reference})` }).click();
    await expect(organizer.getByText("The order's mails are on their way again.")).toBeVisible();
    await expect(async () => {
      mail = lastMailTo(buyer);
      expect(mail).toContain(`thank you for your order ${reference}`);
      expect(mail).not.toBe(mailsBefore);
    }).toPass({ timeout: 10_000 });

    // Cancelled after all: what was paid is owed back until the organizer marks it refunded.
    const cancel = organizer.getByRole("button", { name: `Cancel the order ${reference}` });
    await cancel.click();
    await expect(cancel).toHaveText("Yes, cancel it");
    await cancel.click();
    const row = organizer.getByRole("row").filter({ hasText: reference });
    await expect(row.getByText("Refund due: 80.00 EUR")).toBeVisible();
    await row.getByRole("button", { name: `Mark refunded (order ${reference})` }).click();
    await expect(organizer.getByText("The refund is recorded; its buyer was told.")).toBeVisible();
    await expect(row.getByText(/^Refunded: 80\.00 EUR on /)).toBeVisible();
    expect(errors).toEqual([]);
    await context.close();
  });
}
