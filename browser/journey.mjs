// The web desk's main journey in a real browser, in Japanese, Chinese and English, with
// the security checks a browser can make, and a screenshot of every page in every
// language. Run by `crates/rapport/tests/browser.rs` against `rapport serve --demo`:
//   node browser/journey.mjs BASE_URL PASSWORDS_JSON SCREENSHOT_DIR
// PASSWORDS_JSON maps e-mail addresses to passwords. Exits non-zero on the first failure.
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";

const [base, passwordsJson, shots] = process.argv.slice(2);
const passwords = JSON.parse(passwordsJson);

const browser = await chromium.launch({
  executablePath: process.env.RAPPORT_CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});

function step(text) {
  console.log(`- ${text}`);
}

async function signedIn(email, locale) {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on("pageerror", (error) => { throw new Error(`script error on ${page.url()}: ${error}`); });
  await page.goto(`${base}/today`);
  assert.match(page.url(), /\/sign-in\?next=\/today$/, "an anonymous visit goes to sign-in");
  await page.fill("#email", email);
  await page.fill("#password", passwords[email]);
  await Promise.all([page.waitForURL((u) => u.pathname === "/today"), page.click("button[type=submit]")]);
  return { context, page };
}

/// The code an authenticator app shows now for a base32 secret (RFC 6238, SHA-1, 30 s).
function oneTimeCode(secret) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bits = [...secret.replace(/\s+/g, "")].map((c) => alphabet.indexOf(c).toString(2).padStart(5, "0")).join("");
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigInt64BE(BigInt(Math.floor(Date.now() / 30000)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const code = (mac.readUInt32BE(mac[19] & 15) & 0x7fffffff) % 1000000;
  return String(code).padStart(6, "0");
}

async function shot(page, name) {
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

/// Opens the request with this subject from the inbox; returns its path.
async function openFromInbox(page, subject) {
  await page.goto(`${base}/inbox`);
  await Promise.all([page.waitForURL(/\/requests\/\d+$/), page.getByRole("link", { name: subject, exact: true }).click()]);
  return new URL(page.url()).pathname;
}

async function state(page) {
  return page.getAttribute("[data-state]", "data-state");
}

async function move(page, to) {
  await Promise.all([page.waitForLoadState("load"), page.click(`button[data-move="${to}"]`)]);
  await page.waitForSelector(`[data-state="${to}"]`);
}

/// Types text into the reply box the way an input method does: a composition, an Enter
/// (and a Ctrl+Enter) that only confirm it, then the committed text.
async function composeWithIme(page, composing, committed) {
  const cdp = await page.context().newCDPSession(page);
  await page.focus("#reply-body");
  await cdp.send("Input.imeSetComposition", { text: composing, selectionStart: composing.length, selectionEnd: composing.length });
  for (const modifiers of [0, 2]) {
    await cdp.send("Input.dispatchKeyEvent", { type: "rawKeyDown", windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229, key: "Process", code: "Enter", modifiers });
    await cdp.send("Input.dispatchKeyEvent", { type: "keyUp", windowsVirtualKeyCode: 229, key: "Process", code: "Enter", modifiers });
  }
  await cdp.send("Input.insertText", { text: committed });
  // Some browsers fire the confirming Enter just after compositionend.
  await page.keyboard.press("Control+Enter");
  await cdp.detach();
}

async function journey({ email, locale, lang, subject, composing, committed, rest, promise }) {
  step(`${lang}: sign in as ${email}`);
  const { context, page } = await signedIn(email, locale);
  assert.equal(await page.getAttribute("html", "lang"), lang);
  assert.ok(await page.locator(".agenda-group").count() > 0, "Today lists the agenda");
  await shot(page, `${lang}-today`);

  step(`${lang}: open "${subject}" and see the decoded deadline marked`);
  await page.goto(`${base}/inbox`);
  await shot(page, `${lang}-inbox`);
  const path = await openFromInbox(page, subject);
  const deadline = page.locator(".dir-inbound mark.ev-deadline").first();
  await deadline.waitFor();
  assert.ok((await deadline.textContent()).trim().length > 0);
  const before = await page.locator("article.message").count();

  step(`${lang}: write a clarifying reply through an input method; Enter must not send`);
  await composeWithIme(page, composing, committed);
  await page.waitForTimeout(300);
  assert.equal(new URL(page.url()).pathname, path, "the confirming Enter sent nothing");
  assert.equal(await page.locator("article.message").count(), before);
  assert.equal(await page.inputValue("#reply-body"), committed, "the composition was committed, nothing else");
  await page.locator("#reply-body").press("End");
  await page.keyboard.insertText(rest);
  step(`${lang}: the outbound card shows the promise that will be tracked`);
  await page.locator("#outbound-card .promises li").first().waitFor();
  assert.match(await page.textContent("#outbound-card"), promise);
  await shot(page, `${lang}-request`);
  await Promise.all([page.waitForURL(/#m\d+$/), page.keyboard.press("Control+Enter")]);
  assert.equal(await page.locator("article.message").count(), before + 1, "Ctrl+Enter sent the reply");
  assert.ok((await page.textContent("article.message:last-of-type")).includes(rest.trim().slice(0, 8)));

  step(`${lang}: resolve, send the final communication, close`);
  if ((await state(page)) !== "in_progress") await move(page, "in_progress");
  await move(page, "resolved");
  await Promise.all([page.waitForURL(/compose=final/), page.click('a[href*="compose=final"]')]);
  assert.ok(await page.isChecked('input[name="final"]'), "the final-communication switch is on");
  assert.ok((await page.inputValue("#reply-body")).length > 40, "the final communication is drafted");
  await Promise.all([page.waitForURL(/#m\d+$/), page.locator("#reply-body").press("Control+Enter")]);
  assert.equal(await state(page), "final_sent");
  await move(page, "closed");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(base + path);
  await shot(page, `${lang}-request-phone`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the request page fits a phone's width (${overflow}px too wide)`);
  await page.setViewportSize({ width: 1280, height: 900 });
  const client = await page.getAttribute(".crumbs a[href^='/clients/']", "href");
  for (const [name, target] of [["client", client], ["settings", "/settings"], ["notifications", "/notifications"], ["request-closed", path]]) {
    await page.goto(base + target);
    await shot(page, `${lang}-${name}`);
  }
  const signIn = await browser.newPage({ locale });
  await signIn.goto(`${base}/sign-in`);
  await shot(signIn, `${lang}-sign-in`);
  await signIn.close();
  await context.close();
  return path;
}

const zhPath = await journey({
  email: "chen.jing@demo.rapport.example", locale: "zh-CN", lang: "zh-CN",
  subject: "双十二小红书投放方案", composing: "qingwen", committed: "请问",
  rest: "投放预算和期望上线日期分别是多少？我们明天下午3点前把方案发给您。", promise: /方案发给您/,
});
await journey({
  email: "admin@demo.rapport.example", locale: "ja-JP", lang: "ja",
  subject: "新商品「瀬戸内レモン塩ぽん酢」プレスリリース配信のご相談", composing: "かくにん", committed: "確認",
  rest: "させていただきたい点がございます。配信日の候補を教えていただけますでしょうか。構成案は明日中にお送りいたします。",
  promise: /明日中にお送りいたします/,
});
await journey({
  email: "james.carter@demo.rapport.example", locale: "en-US", lang: "en",
  subject: "Holiday code freeze dates?", composing: "Quick", committed: "Quick",
  rest: " question: which dates should the freeze cover? I'll send the plan by 3pm tomorrow.", promise: /send the plan/,
});

step("an agent cannot open another client's request");
{
  const { context, page } = await signedIn("james.carter@demo.rapport.example", "en-US");
  const response = await page.goto(base + zhPath);
  assert.equal(response.status(), 404);

  step("a form without its token, and a cross-site post, are refused");
  await page.goto(`${base}/settings`);
  const csrf = await page.inputValue('input[name="csrf"]');
  const form = 'form[action="/settings/sign-out-everywhere"]';
  await page.evaluate((selector) => document.querySelector(`${selector} input[name="csrf"]`).remove(), form);
  const [noToken] = await Promise.all([page.waitForResponse(`${base}/settings/sign-out-everywhere`), page.click(`${form} button`)]);
  assert.equal(noToken.status(), 403);
  const attack = await context.newPage();
  await attack.setContent(`<form method="post" action="${base}/settings/sign-out-everywhere"><input name="csrf" value="${csrf}"></form>`);
  const [crossSite] = await Promise.all([attack.waitForResponse(`${base}/settings/sign-out-everywhere`), attack.evaluate(() => document.forms[0].submit())]);
  assert.equal(crossSite.status(), 403);
  assert.equal((await page.goto(`${base}/today`)).status(), 200, "still signed in");
  await context.close();
}

step("repeated wrong passwords are throttled");
{
  const context = await browser.newContext({ locale: "ja-JP" });
  const page = await context.newPage();
  let last;
  for (let i = 0; i < 6; i++) {
    await page.goto(`${base}/sign-in`);
    await page.fill("#email", "nobody@demo.rapport.example");
    await page.fill("#password", "wrong-password");
    [last] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.click("button[type=submit]")]);
  }
  assert.equal(last.status(), 429);
  assert.ok(last.headers()["retry-after"], "Retry-After is set");
  await page.waitForSelector(".alert");
  await shot(page, "ja-sign-in-throttled");
  await context.close();
}

step("two agents replying to one request: the second is told something new arrived");
{
  const first = await signedIn("chen.jing@demo.rapport.example", "zh-CN");
  const second = await signedIn("admin@demo.rapport.example", "zh-CN");
  const path = await openFromInbox(first.page, "抖音信息流CPM突然上涨");
  await second.page.goto(base + path);
  await first.page.fill("#reply-body", "我们正在排查，今天下午5点前给您答复。");
  await Promise.all([first.page.waitForURL(/#m\d+$/), first.page.locator("#reply-body").press("Control+Enter")]);
  const count = await first.page.locator("article.message").count();
  await second.page.fill("#reply-body", "收到，我们马上处理。");
  await Promise.all([second.page.waitForLoadState("load"), second.page.locator("#reply-body").press("Control+Enter")]);
  await second.page.waitForSelector("#alert");
  assert.equal(await second.page.locator("article.message.is-new").count(), 1, "the new reply is marked");
  assert.equal(await second.page.inputValue("#reply-body"), "收到，我们马上处理。", "the draft is kept");
  assert.equal(await second.page.locator("article.message").count(), count, "nothing more was sent");
  await shot(second.page, "zh-CN-request-stale");
  await first.context.close();
  await second.context.close();
}

step("two-step sign-in: set up with an authenticator app, then a code after the password");
for (const [email, locale, lang] of [
  ["chen.jing@demo.rapport.example", "zh-CN", "zh-CN"],
  ["admin@demo.rapport.example", "ja-JP", "ja"],
  ["james.carter@demo.rapport.example", "en-US", "en"],
]) {
  const { context, page } = await signedIn(email, locale);
  await page.goto(`${base}/settings/second-factor`);
  await shot(page, `${lang}-second-factor`);
  await page.click('form[action="/settings/second-factor/start"] button');
  await page.waitForSelector("code.secret");
  assert.equal(await page.locator(".qr svg").count(), 1, "a QR code to scan");
  await shot(page, `${lang}-second-factor-setup`);
  await page.fill("#confirm-code", oneTimeCode(await page.textContent("code.secret")));
  await page.click('form[action="/settings/second-factor/confirm"] button');
  await page.waitForSelector(".recovery-codes");
  const codes = await page.locator(".recovery-codes code").allTextContents();
  assert.equal(codes.length, 10, "ten recovery codes");
  await shot(page, `${lang}-second-factor-codes`);
  await Promise.all([page.waitForLoadState("load"), page.click("a.button.primary")]);
  await Promise.all([page.waitForURL(/\/sign-in$/), page.click('form[action="/sign-out"] button')]);
  await page.fill("#email", email);
  await page.fill("#password", passwords[email]);
  await Promise.all([page.waitForURL(/\/sign-in\/code/), page.click("button[type=submit]")]);
  await shot(page, `${lang}-sign-in-code`);
  await page.goto(`${base}/inbox`);
  assert.match(page.url(), /\/sign-in\/code$/, "the password alone opens nothing");
  await page.fill("#code", codes[0]);
  await Promise.all([page.waitForURL((u) => u.pathname === "/today"), page.click("button[type=submit]")]);
  await context.close();
}

await browser.close();
console.log("journeys passed");
