// editor_lang.mjs - the content editor speaks the coordinator's language. Signed in as the admin
// in Chromium, once as a Finnish user (the browser asks for fi: Accept-Language) and once as a
// Swedish one (the page frame's switch "På svenska", kept in the mj_lang cookie), the test walks
// the editor's pages of both fixture sites: the draft's overview, the site (hours, exception
// days), every list, one item of each (a service's, an event's and a question's form among them),
// new-item forms, What changes (with a saved edit in it), the publish result, the versions, a
// refused save, the import page, the fleet page and the preview page. Every page must carry
// <html lang> of that language and show no known English text of the hub: the English texts of
// assets/po/hub/en.po whose Finnish and Swedish differ (each piece between {N} placeholders, as
// a whole word or phrase; pieces that the Finnish or Swedish catalog also uses are left out).
// The control: the same walk in English must find those texts on nearly every page, so the
// check is known to catch them.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { env, run, newContext, signIn, url, check, eq, fail, info } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const po = (lang) => {
  const out = new Map();
  let id = null;
  const unq = (s) => s.replace(/\\"/g, '"').replace(/\\\\/g, '\\');
  for (const line of readFileSync(join(here, '../../assets/po/hub', `${lang}.po`), 'utf8').split('\n')) {
    let m = line.match(/^msgid "(.*)"$/);
    if (m) { id = unq(m[1]); continue; }
    m = line.match(/^msgstr "(.*)"$/);
    if (m && id) { out.set(id, unq(m[1])); id = null; }
  }
  return out;
};
const en = po('en'), fi = po('fi'), sv = po('sv');
const otherText = [...fi.values(), ...sv.values()].join('\n');

// The English pieces to look for: at least 4 characters with 3 letters, never in fi.po or sv.po.
const pieces = new Set();
for (const [id, e] of en) {
  if (!id || fi.get(id) === e || sv.get(id) === e) continue;
  for (let p of e.split(/\{\d\}/)) {
    p = p.trim().replace(/^[\s.,:;()–—-]+|[\s.,:;()–—-]+$/g, '');
    if (p.length < 4 || (p.match(/\p{L}/gu) || []).length < 3 || otherText.includes(p)) continue;
    pieces.add(p);
  }
}
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const patterns = [...pieces].map((p) => [p, new RegExp(`(?<![\\p{L}\\p{N}])${esc(p)}(?![\\p{L}\\p{N}])`, 'u')]);

// Everything a person reads or hears on the page: the text, the title, labels read out to screen
// readers, options of closed selects, placeholders and button values.
async function pageText(page) {
  return page.evaluate(() => {
    const out = [document.title, document.body.innerText];
    for (const el of document.querySelectorAll('[aria-label],[title],[placeholder],[alt]'))
      for (const a of ['aria-label', 'title', 'placeholder', 'alt']) if (el.getAttribute(a)) out.push(el.getAttribute(a));
    for (const o of document.querySelectorAll('option')) out.push(o.textContent);
    for (const b of document.querySelectorAll('input[type=submit],input[type=button]')) out.push(b.value);
    return out.join('\n');
  });
}

const english = (text) => patterns.filter(([, re]) => re.test(text)).map(([p]) => p);

const A = 'majakka-tuulikyla', B = 'tuulikyla';

// The pages of one site's editor: the fixed ones, then the first (and for services the second)
// item of every list, read from the list page itself.
async function editorPages(page, site) {
  const pages = [`/edit/${site}`, `/edit/${site}/site`, `/edit/${site}/changes`, `/edit/${site}/versions`,
    `/edit/${site}/import`, `/site/${site}/preview`];
  for (const slug of ['organizations', 'locations', 'categories', 'services', 'events', 'questions']) {
    pages.push(`/edit/${site}/${slug}`);
    await page.goto(url(`/edit/${site}/${slug}`));
    const hrefs = await page.$$eval(`main a[href^="/edit/${site}/${slug}/"]`, (as) => as.map((a) => a.getAttribute('href')));
    const items = hrefs.filter((h) => !h.endsWith('/new'));
    pages.push(...items.slice(0, slug === 'services' || slug === 'events' ? 2 : 1));
    if (['services', 'events', 'questions'].includes(slug)) pages.push(`/edit/${site}/${slug}/new`);
  }
  return pages;
}

// Walks pages as this context's user; returns [{path, hits}] and checks <html lang>.
async function walkAs(page, lang, paths, label) {
  const out = [];
  for (const p of paths) {
    const r = await page.goto(url(p));
    if (!r) { fail(`${label}: ${p}: no response`); continue; }
    eq(r.status(), 200, `${label}: ${p}`);
    eq(await page.getAttribute('html', 'lang'), lang, `${label}: ${p}: <html lang>`);
    out.push({ path: p, hits: english(await pageText(page)) });
    // WEB_PNG_DIR=DIR keeps a few pages as pictures, to look at.
    if (process.env.WEB_PNG_DIR && /\/(services\/[^/]+|events\/new|site|changes)$/.test(p))
      await page.screenshot({ path: join(process.env.WEB_PNG_DIR, `editor-${lang}-${p.replace(/\W+/g, '_')}.png`), fullPage: true });
  }
  return out;
}

// The states a walk does not reach by links: a saved edit in What changes and on the overview,
// the publish result, and a refused save (422) with its message box.
async function statefulPages(page, label, lang, name) {
  const out = [];
  const record = async (what) => {
    eq(await page.getAttribute('html', 'lang'), lang, `${label}: ${what}: <html lang>`);
    out.push({ path: what, hits: english(await pageText(page)) });
  };
  await page.goto(url(`/edit/${B}/services/neuvola`));
  await page.locator(`input[name$=".name.fi"]`).first().fill(name);
  await Promise.all([page.waitForURL(/saved=1/), page.locator('main form button').first().click()]);
  await record(`saved service (${page.url().replace(env.origin, '')})`);
  await page.goto(url(`/edit/${B}/changes`));
  check((await page.content()).includes(name), `${label}: What changes does not list the saved name`);
  await record(`/edit/${B}/changes with a change`);
  await page.goto(url(`/edit/${B}`));
  await record(`/edit/${B} with a change`);
  await Promise.all([page.waitForURL(/versions\?published=/),
    page.locator(`form[action="/edit/${B}/publish"] button`).first().click()]);
  await record(`publish result (${page.url().replace(env.origin, '')})`);
  // A refused save: a latitude that is not a number (the editor's own message).
  await page.goto(url(`/edit/${B}/locations/centre`));
  await page.locator('input[name$=".lat"]').first().fill('pohjoinen');
  const [resp] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
    page.locator('main form button').first().click()]);
  await page.waitForLoadState('load');
  eq(resp.status(), 422, `${label}: a latitude of letters`);
  check(await page.locator('[aria-invalid="true"][name$=".lat"]').count() === 1, `${label}: the refused latitude is not marked`);
  await record('refused save (422)');
  if (process.env.WEB_PNG_DIR) await page.screenshot({ path: join(process.env.WEB_PNG_DIR, `editor-${lang}-refused.png`), fullPage: true });
  return out;
}

function report(label, results, allowHits) {
  let clean = 0;
  for (const r of results) {
    if (!r.hits.length) { clean++; continue; }
    if (!allowHits) fail(`${label}: English on ${r.path}: ${r.hits.slice(0, 8).map((h) => JSON.stringify(h)).join(', ')}`);
  }
  return clean;
}

await run('web.editor_lang', async (browser) => {
  info(`${pieces.size} English pieces from hub/en.po looked for`);
  check(pieces.size > 200, `only ${pieces.size} English pieces found in hub/en.po`);
  check(pieces.has('Save to draft') && pieces.has('What changes') && pieces.has('Opening hours'),
    'the editor\'s own texts are not among the pieces looked for');

  // Finnish: the browser asks for Finnish.
  const ctxFi = await newContext(browser, { locale: 'fi-FI' });
  const pFi = await signIn(ctxFi, 'admin');
  const paths = [...await editorPages(pFi, A), ...await editorPages(pFi, B), '/fleet', `/dashboard/site/${A}`];
  info(`${paths.length} pages per language`);
  check(paths.length >= 40, `only ${paths.length} editor pages found`);
  const fiRes = [...await walkAs(pFi, 'fi', paths, 'fi'), ...await statefulPages(pFi, 'fi', 'fi', 'Neuvola suomeksi')];
  report('fi', fiRes, false);

  // Swedish: an English-speaking browser whose user chose "På svenska" on the page frame.
  const ctxSv = await newContext(browser, { locale: 'en-GB' });
  const pSv = await signIn(ctxSv, 'admin');
  await pSv.goto(url(`/edit/${A}`));
  await Promise.all([pSv.waitForLoadState('load'), pSv.locator('nav.lang a[hreflang="sv"]').click()]);
  eq(await pSv.getAttribute('html', 'lang'), 'sv', 'the switch to Swedish on the editor page');
  const svRes = [...await walkAs(pSv, 'sv', paths, 'sv'), ...await statefulPages(pSv, 'sv', 'sv', 'Rådgivning på svenska')];
  report('sv', svRes, false);

  // The control: in English the same pages show those texts (the check can fail).
  const ctxEn = await newContext(browser, { locale: 'en-GB' });
  const pEn = await signIn(ctxEn, 'admin');
  const enRes = await walkAs(pEn, 'en', paths, 'en');
  const enClean = report('en', enRes, true);
  info(`control: English texts found on ${enRes.length - enClean} of ${enRes.length} pages in English`);
  check(enClean <= enRes.length / 10, `control: ${enClean} of ${enRes.length} English pages show no known English text`);
  for (const c of [ctxFi, ctxSv, ctxEn]) await c.close();
});
