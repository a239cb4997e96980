// report.mjs - the report pages (docs/reports.md) as a site coordinator sees them in Chromium:
// the fixture's last whole month at tuulikyla (97 answers; one at the crisis line, shown as
// "alle 5"/"fewer than 5", never as 1); the question and option texts from the bundle; the
// comment's phone number masked; charts as SVG images with a text alternative beside a table;
// a period finer than a month refused; a comment hidden from the report with a reason (shown
// again, in the audit log for the admin with the reason and without the comment's text), then
// shown again. Screenshots of the pages go to the state folder (WEB_PNG_DIR=DIR copies them).
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { env, run, newContext, signIn, url, check, eq, info } from './lib.mjs';

const SITE = 'tuulikyla';
const shots = [];
async function shot(page, name) {
  const f = join(env.state, `report-${name}.png`);
  await page.screenshot({ path: f, fullPage: true });
  shots.push(f);
}

await run('web.report', async (browser) => {
  const ctx = await newContext(browser);
  const page = await signIn(ctx, 'coordinator');
  eq((await page.goto(url('/report'))).status(), 200, '/report');
  check(await page.locator(`a[href="/report/${SITE}"]`).count() > 0, '/report does not link the own site');
  check(!(await page.content()).includes('majakka-tuulikyla'), 'the coordinator\'s /report names the other site');
  await shot(page, 'index');

  eq((await page.goto(url(`/report/${SITE}`))).status(), 200, `/report/${SITE}`);
  const html = await page.content(), text = await page.locator('main').innerText();
  check(/Vastauksia[\s\S]*?97/.test(text), 'the overview lacks the month\'s 97 answers');
  check(text.includes('Löysitkö etsimäsi?') && text.includes('Kyllä'), 'question and option texts not from the bundle');
  check(text.includes('Lastenneuvola'), 'service names not from the bundle');
  check(text.includes('alle 5'), 'no "fewer than 5" on the page');
  const crisis = page.locator('tr', { hasText: 'Kriisipuhelin' }).first();
  eq((await crisis.locator('td').nth(2).innerText()).trim(), 'alle 5', 'the crisis line\'s one answer');
  eq((await crisis.locator('td').nth(0).innerText()).trim(), '', 'a hidden row has no rank');
  check(!html.includes('040 123 4567') && text.includes('***'), 'the comment is not masked');
  check(!html.includes('<script'), 'a script on the report page');
  const svgs = await page.locator('svg[role="img"][aria-label]').count();
  check(svgs >= 4, `only ${svgs} charts with a text alternative`);
  check(await page.locator('main table').count() >= 5, 'the figures are not also tables');
  await shot(page, 'site');
  await page.setViewportSize({ width: 800, height: 1280 });
  await shot(page, 'site-portrait');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Nothing finer than a month.
  const bad = await page.goto(url(`/report/${SITE}?from=2026-11-23&to=2026-11-23`));
  eq(bad.status(), 400, 'a day as the period');
  check((await page.locator('[role="alert"], .notice.error').count()) > 0, 'no error shown for a day as the period');

  // Moderation: hide with a reason, listed as hidden, shown again.
  await page.goto(url(`/report/${SITE}`));
  const item = page.locator('ul.comments li', { hasText: 'Mukava kahvila' });
  await item.locator('input[name="reason"]').fill('testi: moderointi');
  await Promise.all([page.waitForLoadState('load'), item.locator('button').click()]);
  check(page.url().includes('done=hidden'), `hiding did not come back to the report: ${page.url()}`);
  const hidden = page.locator('ul.comments li.hidden', { hasText: 'Mukava kahvila' });
  eq(await hidden.count(), 1, 'the hidden comment is listed as hidden');
  check((await hidden.innerText()).includes('testi: moderointi'), 'the reason is not shown');
  await shot(page, 'moderated');
  await Promise.all([page.waitForLoadState('load'), hidden.locator('button').click()]);
  eq(await page.locator('ul.comments li.hidden').count(), 0, 'shown again');

  // The admin's audit log has both, with the reason and without the comment.
  const actx = await newContext(browser);
  const admin = await signIn(actx, 'admin');
  await admin.goto(url('/admin/audit'));
  const log = await admin.locator('main').innerText();
  check(log.includes('report.comment.hide') && log.includes('report.comment.show'), 'moderation not in the audit log');
  check(log.includes('testi: moderointi') && !log.includes('Mukava kahvila'), 'the audit log lacks the reason or has the comment');
  eq((await admin.goto(url('/report'))).status(), 200, 'admin /report');
  check(await admin.locator(`a[href="/report/${SITE}"]`).count() > 0 && await admin.locator('a[href="/report/majakka-tuulikyla"]').count() > 0,
    'the admin\'s /report lacks a site');
  await shot(admin, 'admin-index');
  await actx.close();
  await ctx.close();
  if (process.env.WEB_PNG_DIR) {
    mkdirSync(process.env.WEB_PNG_DIR, { recursive: true });
    for (const f of shots) copyFileSync(f, join(process.env.WEB_PNG_DIR, f.split('/').pop()));
  }
  info(`screenshots: ${shots.join(' ')}`);
});
