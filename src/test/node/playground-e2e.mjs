// The playground in a real browser (Debian's Chromium, headless, driven by playwright-core): chat, tool cards,
// approvals, consent (a toolbox's and standard MCP OAuth's), background runs with cancel and resume after a reload,
// earlier chats, the keyboard, the API key field, and no request to any origin but the server's. Arguments: the
// server's base URL, an MCP server URL, a CONSENT_REQUIRED MCP server URL, the test MCP servers' control URL, the base
// URL of a server whose callers present JWTs, a JWT for it, an MCP server that needs OAuth, and the folder for the
// screenshots. Exits non-zero on the first scenario that fails.
import { chromium } from 'playwright-core';

const [base, healthy, consentCall, control, jwtBase, jwt, protectedServer, shots] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
const foreign = [];
page.on('request', (request) => {
  if (!request.url().startsWith(base + '/') && !request.url().startsWith(jwtBase + '/')) foreign.push(request.url());
});
const timeout = 30000;

async function say(text) {
  await page.fill('#prompt', text);
  await page.click('#send');
}

async function card(selector, text) {
  await page.locator(selector, { hasText: text }).last().waitFor({ timeout });
}

async function server(url, label, approval) {
  await page.fill('#mcpurl', url);
  await page.fill('#mcplabel', label);
  await page.selectOption('#mcpapproval', approval);
}

async function scenario(name, run, at = base, key = null) {
  await page.goto(at + '/');
  if (key) {
    await page.fill('#apikey', key);
    await page.locator('#apikey').dispatchEvent('change');
  }
  await page.locator('#agent option[value="assistant"]').waitFor({ state: 'attached', timeout });
  await page.selectOption('#agent', 'assistant');
  await run();
  console.log('playground: ' + name + ': passed');
}

async function faults(name, spec) {
  const answer = await fetch(control + 'faults?name=' + name + '&spec=' + encodeURIComponent(spec), { method: 'POST' });
  if (!answer.ok) throw new Error('control endpoint: ' + answer.status);
}

try {
  await scenario('a chat streams', async () => {
    await say('hello playground');
    await card('#transcript li.assistant', 'hello playground');
    await card('#events li', 'response.completed');
  });
  await scenario('a host toolbox call is a card', async () => {
    await say('/call echo {"message":"from the browser"}');
    await card('#transcript li.mcp-call', 'from the browser');
    await card('#transcript li.card', 'Tools of everything');
    await page.screenshot({ path: shots + '/playground-tool-call.png' });
  });
  await scenario('an approval approved and one denied', async () => {
    await server(healthy, 'rec', 'always');
    await say('/call rec.add {"a":2,"b":3}');
    await card('#transcript li.approval', 'Approve rec.add');
    await page.screenshot({ path: shots + '/playground-approval.png' });
    await page.locator('#transcript li.approval button:enabled', { hasText: 'Approve' }).last().click({ timeout });
    await card('#transcript li.mcp-call', 'Output: 5');
    await card('#transcript li.mcp-call', ' ms');
    await say('/call rec.add {"a":1,"b":1}');
    await page.locator('#transcript li.approval button:enabled', { hasText: 'Deny' }).last().click({ timeout });
    await card('#transcript li.assistant', 'did not approve');
  });
  await scenario('consent given, then the prompt re-sent', async () => {
    await server(consentCall, 'cc', 'never');
    await say('/call cc.add {"a":1,"b":2}');
    await card('#transcript li.consent', 'needs your consent');
    await faults('consentcall', '');
    try {
      await page.locator('#transcript li.consent button', { hasText: 'I have given consent' }).last().click({ timeout });
      await card('#transcript li.mcp-call', 'Output: 3');
    } finally {
      await faults('consentcall', 'consent=tools/call');
    }
  });
  await scenario('a background run cancelled', async () => {
    await server(healthy, 'rec', 'never');
    await page.check('#background');
    await say('/call rec.sleep {"ms":20000}');
    await card('#events li', 'response.mcp_call.in_progress');
    await page.click('#cancel');
    await card('#transcript li.card', 'Response cancelled');
  });
  await scenario('a background run resumed after a reload', async () => {
    await server(healthy, 'rec', 'never');
    await page.check('#background');
    await say('/call rec.sleep {"ms":3000}');
    await card('#events li', 'response.mcp_call.in_progress');
    await page.reload();
    await card('#transcript li.card', 'Resuming response');
    await card('#transcript li.mcp-call', 'slept 3000');
    await card('#events li', 'response.completed');
  });
  await scenario('a chat reopened after a reload goes on from its last response', async () => {
    await page.click('#newchat');
    await say('remember the plum');
    await card('#transcript li.assistant', 'remember the plum');
    // The chat is kept when the response completes, which comes after its text: reloading sooner would lose it.
    await card('#events li', 'response.completed');
    await page.reload();
    await page.locator('#chats option', { hasText: 'remember the plum' }).first().waitFor({ state: 'attached', timeout });
    const id = await page.locator('#chats option', { hasText: 'remember the plum' }).first().getAttribute('value');
    await page.selectOption('#chats', id);
    await card('#transcript li.card', 'Reopened: remember the plum');
    const sent = page.waitForRequest((request) => request.url().endsWith('/v1/responses')
        && request.method() === 'POST');
    await say('and the pear');
    const body = JSON.parse((await sent).postData());
    if (body.previous_response_id !== id) throw new Error('not continued: ' + JSON.stringify(body));
    await card('#transcript li.assistant', 'and the pear');
  });
  await scenario('the keyboard alone sends', async () => {
    await page.focus('#prompt');
    await page.keyboard.type('typed, not clicked');
    await page.keyboard.press('Control+Enter');
    await card('#transcript li.assistant', 'typed, not clicked');
  });
  // With callers that present JWTs, through the API key field: standard MCP OAuth consent in a second tab.
  await scenario('an OAuth consent completed in another tab, then the tool result', async () => {
    await server(protectedServer, 'prot', 'never');
    await say('/call prot.add {"a":20,"b":22}');
    await card('#transcript li.consent', 'needs your consent');
    await page.screenshot({ path: shots + '/playground-consent.png' });
    const [consentTab] = await Promise.all([context.waitForEvent('page'),
      page.locator('#transcript li.consent a').last().click()]);
    await consentTab.waitForURL((url) => url.pathname === '/oauth/callback', { timeout });
    await consentTab.locator('body', { hasText: 'You can return to the chat' }).waitFor({ timeout });
    await consentTab.close();
    await page.locator('#transcript li.consent button', { hasText: 'I have given consent' }).last().click({ timeout });
    await card('#transcript li.mcp-call', 'Output: 42');
  }, jwtBase, jwt);
  if (foreign.length > 0) throw new Error('the page asked other origins: ' + foreign.join(', '));
  console.log('playground: all scenarios passed');
} finally {
  await browser.close();
}
