import { test, expect } from "@playwright/test";
import { freshAddress, lastMailTo, watchConsole } from "./support";

for (const javaScriptEnabled of [true, false]) {
  const how = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

  test(`an attendee passes their ticket on to someone else (${how})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const errors = watchConsole(page);
    const buyer = freshAddress("mary");
    const friend = freshAddress("dorothy");
    await page.goto("/e/data-engineering-forum/register");
    await page.getByLabel("Number of “Community” tickets").selectOption("1");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("Attendee name").fill("Mary Jackson");
    await page.getByLabel("Attendee email").fill(buyer);
    await page.getByLabel("Vegan", { exact: true }).check();
    await page.getByLabel("Your name").fill("Mary Jackson");
    await page.getByLabel("Your email").fill(buyer);
    await page.getByRole("button", { name: "Get the tickets" }).click();
    await expect(page.getByRole("heading", { name: "You have your tickets", level: 1 })).toBeVisible();
    await page.getByRole("link", { name: "Mary Jackson" }).click();
    const oldTicket = page.url();

    const transfer = page.getByRole("region", { name: "Pass the ticket on" });
    // A bad address is named next to its field, with the name typed kept.
    await transfer.getByLabel("New holder's name").fill("Dorothy Vaughan");
    // One the browser's own check lets through, refused by the server.
    await transfer.getByLabel("New holder's email").fill("dorothy@example");
    await transfer.getByRole("button", { name: "Pass the ticket on" }).click();
    await expect(transfer.getByText("enter an address like name@example.org")).toBeVisible();
    await expect(transfer.getByLabel("New holder's name")).toHaveValue("Dorothy Vaughan");

    // A good one is asked about before anything happens.
    await transfer.getByLabel("New holder's email").fill(friend);
    await transfer.getByRole("button", { name: "Pass the ticket on" }).click();
    await expect(transfer.getByRole("alert")).toContainText(`Pass this ticket on to Dorothy Vaughan (${friend})?`);
    await transfer.getByRole("button", { name: "Yes, pass it on" }).click();

    // The old page says what became of the ticket; the new holder has it by mail.
    await expect(page.getByText(/This ticket was passed on to another attendee/)).toBeVisible();
    expect(page.url().split("?")[0]).toBe(oldTicket.split("?")[0]);
    let mail = "";
    await expect(async () => {
      mail = lastMailTo(friend);
      expect(mail).toContain("was passed on to you");
    }).toPass({ timeout: 10_000 });
    const link = mail.match(/https?:\/\/[^/\s]+(\/tickets\/[A-Z2-7]{16})/)?.[1];
    expect(link).toBeTruthy();
    await page.goto(link!);
    await expect(page.getByRole("img", { name: "QR code of the ticket of Dorothy Vaughan" })).toBeVisible();
    // Her answers are hers to give: none of Mary's are carried over.
    const answers = page.getByRole("region", { name: "Your answers" });
    await expect(answers.getByLabel("Vegan", { exact: true })).not.toBeChecked();
    // The old page answers 409: the ticket it showed is no longer there to show.
    expect(errors.filter((e) => !e.includes("status of 409"))).toEqual([]);
    await context.close();
  });
}
