// A requester files a repair request, an officer completes it, the requester rates it:
// in Debian's chromium, as people would, at a phone's width, with screenshots.
// Usage: node repair.mjs URL OUTDIR requester officer password
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const [url, out, requester, officer, password] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failed++;
}

async function person(name) {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'th-TH' });
  const page = await ctx.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${url}/login`);
  await page.fill('#username', name);
  await page.fill('#password', password);
  await page.click('form[action="/login"] button[type=submit]');
  await page.waitForURL(/\/account/);
  return { ctx, page, errors };
}

try {
  const t = await person(requester);
  await t.page.goto(`${url}/processes/ict-repair`);
  await t.page.screenshot({ path: `${out}/01-manual.png`, fullPage: true });
  await t.page.click('a[href="/processes/ict-repair/request"]');
  await t.page.selectOption('#f-equipment', 'printer');
  await t.page.fill('#f-location', 'ห้องธุรการ อาคาร 1');
  await t.page.fill('#f-symptom', 'เครื่องพิมพ์ขึ้นไฟสีส้มและไม่ดึงกระดาษ');
  await t.page.fill('#f-contact_phone', '077-205317');
  await t.page.screenshot({ path: `${out}/02-form.png`, fullPage: true });
  await t.page.click('form[action="/processes/ict-repair/request"] button[type=submit]');
  await t.page.waitForURL(/\/requests\/ict-repair-\d{4}-\d{5}\?code=/);
  const number = t.page.url().match(/requests\/([a-z0-9-]+)/)[1];
  check(/ict-repair-25\d\d-\d{5}/.test(number), `filed ${number}`);
  check(await t.page.locator('text=' + number).count() > 0, 'the receipt shows the number');
  await t.page.screenshot({ path: `${out}/03-receipt.png`, fullPage: true });

  const o = await person(officer);
  // The queue lists the oldest first, a page at a time: follow "next page" to the new one.
  await o.page.goto(`${url}/queue`);
  let seen = false;
  for (let i = 0; i < 20 && !seen; i++) {
    seen = await o.page.locator(`a[href="/requests/${number}"]`).count() > 0;
    if (!seen) {
      const next = o.page.locator('nav.pager a[rel=next]');
      if (await next.count() === 0) break;
      await next.click();
      await o.page.waitForLoadState('load');
    }
  }
  check(seen, 'the officer sees it in the queue');
  await o.page.screenshot({ path: `${out}/04-queue.png`, fullPage: true });
  await o.page.goto(`${url}/requests/${number}`);
  // Check → complete; diagnose → repair in house; repair → complete; verify → works; hand over.
  const steps = [['complete', null], ['branch', 'repair'], ['complete', null], ['branch', 'handover'], ['complete', null]];
  for (const [action, arg] of steps) {
    const sel = arg
      ? `form.action-form:has(input[name=arg][value="${arg}"]) button[type=submit]`
      : `form.action-form:has(input[name=action][value="${action}"]) button[type=submit]`;
    await o.page.locator(sel).first().click();
    await o.page.waitForLoadState('load');
  }
  await o.page.screenshot({ path: `${out}/05-officer-done.png`, fullPage: true });

  await t.page.goto(`${url}/requests/${number}`);
  await t.page.locator('form.action-form:has(input[name=action][value="rate"]) input[name=arg][value="5"]').check();
  await t.page.locator('form.action-form:has(input[name=action][value="rate"]) button[type=submit]').click();
  await t.page.waitForLoadState('load');
  const body = await t.page.textContent('body');
  check(body.includes('เสร็จสิ้น'), 'the request shows as done');
  await t.page.screenshot({ path: `${out}/06-rated.png`, fullPage: true });
  check(t.errors.length === 0 && o.errors.length === 0,
    `no console errors (${[...t.errors, ...o.errors].join(' | ')})`);
} catch (e) {
  check(false, `scenario: ${e.message.split('\n')[0]}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
