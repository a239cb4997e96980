// scenario.mjs - the coordinator's whole loop, as issue 11 tells it, in Chromium against the
// fixture's hub, with the real sync agent and the kiosk's own screens:
//   sign in; open a service of the demo site; a bad Finnish name shows the validator's message
//   at that field, keeps what was typed, and nothing is published (the real kiosk fetches
//   nothing new); a good one saves into the draft, "What changes" lists it; Publish; the real
//   majakka-sync fetches the new version and majakka-kiosk-test shows the new name on the
//   service list and detail (and not the old one); restore the previous version; the kiosk
//   gets it and shows the old name again.
// Screenshots of the kiosk are left in STATE/kiosk/ (WEB_PNG_DIR=DIR copies them there).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { env, run, newContext, signIn, url, check, eq, fail, info } from './lib.mjs';

const SITE = 'majakka-tuulikyla', SERVICE = 'lastenneuvola';
const OLD = 'Lastenneuvola', NEW = 'Kuutamon lapsiperheneuvola';
const here = new URL('.', import.meta.url).pathname;

function kiosk(...args) {
  try {
    return execFileSync('bash', [join(here, 'kiosk.sh'), env.state, ...args], { encoding: 'utf8', timeout: 60000 });
  } catch (e) {
    throw new Error(`kiosk.sh ${args.join(' ')}: ${e.stdout || ''}${e.stderr || ''}`);
  }
}
// One real sync cycle; the content version it imported, or null when nothing was new.
function sync() {
  const out = kiosk('sync');
  const m = out.match(/imported content (\S+):/);
  return m ? m[1] : null;
}
// name on the list and the detail; gone not on the list, detailGone not on the detail.
function show(version, name, gone, detailGone) {
  const out = kiosk('show', version, name, ...(gone ? [gone] : []), ...(detailGone ? [detailGone] : []));
  const png = out.match(/^shot (.*)$/m)[1];
  if (process.env.WEB_PNG_DIR) {
    mkdirSync(process.env.WEB_PNG_DIR, { recursive: true });
    copyFileSync(png, join(process.env.WEB_PNG_DIR, basename(png)));
  }
  info(`kiosk ${version}: "${name}" on the list and the detail${gone ? `, "${gone}" not on the list` : ''}` +
       `${detailGone ? `, "${detailGone}" not on the detail` : ''} (${png})`);
}

const nameField = (page) => page.locator(`[name^="services["][name$="].name.fi"]`);
// The form's own submit button (the service form has one Save).
const saveButton = (page) => page.locator('form', { has: nameField(page) }).locator('button[type="submit"], button:not([type])').first();

await run('web.scenario', async (browser) => {
  const v0 = sync();
  check(v0, 'the kiosk fetched nothing at its first sync');
  show(v0, OLD, NEW, NEW);

  const ctx = await newContext(browser);
  const page = await signIn(ctx, 'admin');
  const servicePage = url(`/edit/${SITE}/services/${SERVICE}`);
  let r = await page.goto(servicePage);
  eq(r.status(), 200, `${servicePage}`);
  eq(await nameField(page).count(), 1, 'the Finnish name fields on the service form');
  eq(await nameField(page).inputValue(), OLD, 'the Finnish name as published');
  const fieldName = await nameField(page).getAttribute('name');

  // A bad value: the validator's message at the field, what was typed kept, nothing published.
  const bad = 'Lastenneuvola ' + 'pitkä nimi '.repeat(30);
  await nameField(page).fill(bad);
  const [resp] = await Promise.all([page.waitForResponse((x) => x.request().method() === 'POST'), saveButton(page).click()]);
  await page.waitForLoadState('load');
  eq(resp.status(), 422, 'saving a too long name');
  const field = page.locator(`[name="${fieldName}"]`);
  eq(await field.getAttribute('aria-invalid'), 'true', 'the refused field is marked invalid');
  const errId = (await field.getAttribute('aria-describedby')) || '';
  const msg = errId ? (await page.locator(`[id="${errId}"]`).textContent() || '').trim() : '';
  check(msg.length > 5, `no message at the field (aria-describedby "${errId}")`);
  if (msg) {
    check(await page.locator(`[id="${errId}"]`).isVisible(), 'the message at the field is not visible');
    // Next to the field: inside the field's own label or container.
    const near = await page.evaluate(([n, id]) => {
      const f = document.querySelector(`[name="${n}"]`), m = document.getElementById(id);
      let p = f.parentElement;
      for (let i = 0; i < 3 && p; i++, p = p.parentElement) if (p.contains(m)) return true;
      return false;
    }, [fieldName, errId]);
    check(near, `the message "${msg}" is not next to its field`);
    info(`refused: "${msg}"`);
  }
  eq(await field.inputValue(), bad.trim(), 'what was typed is kept after the refusal');
  eq(sync(), null, 'after a refused edit the kiosk got a new version');
  await page.goto(url(`/edit/${SITE}/changes`));
  check(!(await page.content()).includes('pitkä nimi'), 'the refused value is in the draft\'s changes');

  // A good value: saved into the draft, listed in What changes, not yet on the kiosk.
  await page.goto(servicePage);
  await nameField(page).fill(NEW);
  const [saved] = await Promise.all([page.waitForResponse((x) => x.request().method() === 'POST'), saveButton(page).click()]);
  await page.waitForLoadState('load');
  check(saved.status() === 303 || saved.status() === 200, `saving a good name: status ${saved.status()}`);
  await page.goto(servicePage);
  eq(await nameField(page).inputValue(), NEW, 'the draft\'s Finnish name after saving');
  eq(sync(), null, 'a saved draft reached the kiosk before Publish');
  await page.goto(url(`/edit/${SITE}/changes`));
  check((await page.content()).includes(NEW), 'What changes does not list the new name');

  // Publish: the real agent fetches it, the kiosk's screens show the new name.
  await page.goto(url(`/edit/${SITE}`));
  const pub = page.locator(`form[action="/edit/${SITE}/publish"] button`).first();
  eq(await pub.count(), 1, 'a Publish button on the draft page');
  await Promise.all([page.waitForURL(/\/versions/), pub.click()]);
  const v1 = sync();
  check(v1 && v1 !== v0, `after Publish the kiosk fetched ${v1} (had ${v0})`);
  // The detail's description begins "Lastenneuvola seuraa...", so the old name stays in
  // its text: on the detail the new name is checked, the old one only on the list.
  if (v1) show(v1, NEW, OLD);

  // Roll back: restore the version before, the kiosk shows the old name again.
  await page.goto(url(`/edit/${SITE}/versions`));
  const restores = page.locator(`form[action^="/edit/${SITE}/versions/"][action$="/restore"]`);
  check(await restores.count() >= 1, 'no version to restore on the versions page');
  const actions = await restores.evaluateAll((fs) => fs.map((f) => f.getAttribute('action')));
  const nums = actions.map((a) => Number(a.split('/')[4]));
  const prev = Math.max(...nums);   // the newest one that is not on the kiosks: the one before
  await Promise.all([page.waitForURL(/restored=/),
    restores.nth(nums.indexOf(prev)).locator('button').first().click()]);
  const v2 = sync();
  check(v2 && v2 !== v1, `after restoring version ${prev} the kiosk fetched ${v2} (had ${v1})`);
  if (v2) show(v2, OLD, NEW, NEW);
  await page.goto(servicePage);
  eq(await nameField(page).inputValue(), OLD, 'the draft after restoring');
  await ctx.close();
});
