// Part of scripts/bench-door.sh: the door list's size as a device downloads it, and the
// time from a typed code's submit to its answer on screen in the check-in app, offline.
import http from "node:http";
import zlib from "node:zlib";
import { chromium } from "@playwright/test";

const base = process.env.BENCH_URL;
const codes = process.env.BENCH_CODES.split(",");
const page_ = "/manage/convene-demo/events/data-engineering-forum/check-in";

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const context = await browser.newContext({ baseURL: base });
const page = await context.newPage();
await page.goto("/login");
await page.getByLabel("Email").fill("organizer@demo.convene.test");
await page.getByLabel("Password").fill(process.env.BENCH_PASSWORD);
await page.getByRole("button", { name: "Log in" }).click();
await page.waitForURL(/\/account$/);

// The list as one request asking for brotli, as browsers do over HTTPS.
const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
const { compressed, encoding, raw, tickets } = await new Promise((resolve, reject) => {
  const body = "org=convene-demo&event=data-engineering-forum";
  const request = http.request(`${base}/api/get_door_list`, {
    method: "POST",
    headers: {
      cookie,
      "accept-encoding": "br",
      "content-type": "application/x-www-form-urlencoded",
      "sec-fetch-site": "same-origin",
      "content-length": Buffer.byteLength(body),
    },
  }, (response) => {
    const chunks = [];
    response.on("data", (chunk) => chunks.push(chunk));
    response.on("end", () => {
      const body = Buffer.concat(chunks);
      const encoding = response.headers["content-encoding"];
      const text = encoding === "br" ? zlib.brotliDecompressSync(body) : body;
      const tickets = JSON.parse(text.toString()).tickets.length;
      resolve({ compressed: body.length, encoding, raw: text.length, tickets });
    });
  });
  request.on("error", reject);
  request.end(body);
});
console.log(`door list: ${tickets} tickets, ${raw} bytes of JSON, ${compressed} bytes as sent (${encoding ?? "identity"}), one request`);

await page.goto(page_);
await page.getByText("Online: every check-in of this device is saved").waitFor({ timeout: 60_000 });
await context.setOffline(true);
const times = await page.evaluate(async (codes) => {
  const input = document.querySelector('input[name="q"]');
  const form = input.form;
  const answer = document.querySelector('[data-testid="door-answer"]');
  const measured = [];
  for (const code of codes) {
    const changed = new Promise((resolve) => {
      const observer = new MutationObserver(() => { observer.disconnect(); resolve(); });
      observer.observe(answer, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    input.value = code;
    const start = performance.now();
    form.requestSubmit();
    await changed;
    // The answer is on screen once the browser has painted it.
    await new Promise((resolve) => requestAnimationFrame(() => resolve()));
    measured.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return measured;
}, codes);
times.sort((a, b) => a - b);
const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
console.log(`scans offline: ${times.length}, median ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms`);
await browser.close();
