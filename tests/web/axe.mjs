// axe.mjs - axe-core in the real browser finds no serious or critical violation (WCAG 2.1 A and
// AA rules and axe's best practices) on any hub page: the sign-in page and every page of the
// signed-in walk, at 1280x800 and on a portrait tablet (800x1280).
import { env, run, newContext, signIn, walk, url, axe, describeViolations, fail, info } from './lib.mjs';

await run('web.axe', async (browser) => {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  const check = async (u, label) => {
    for (const vp of [{ width: 1280, height: 800 }, { width: 800, height: 1280 }]) {
      await page.setViewportSize(vp);
      await page.goto(u);
      const vs = await axe(page);
      if (vs.length) fail(`${label} at ${vp.width}x${vp.height}: ${vs.length} serious/critical axe violation(s)\n${describeViolations(vs)}`);
    }
  };
  await check(url('/dashboard'), '/dashboard (signed out)');
  await signIn(ctx, 'admin');
  const pages = await walk(ctx);
  for (const x of pages) await check(x.url, x.url.replace(env.origin, ''));
  info(`axe-core ${JSON.parse(await page.evaluate(() => JSON.stringify(window.axe.version)))} on ${pages.length + 1} pages`);
  await ctx.close();
});
